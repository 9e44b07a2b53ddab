-- jobfleet schema, version 19: the insert trigger that derives a job's concurrency key from its
-- payload is enabled only while some key rule names a payload field.
--
-- Since version 10 every job inserted without a key called derive_concurrency_key() (PL/pgSQL,
-- SECURITY DEFINER, a pinned search_path, one lookup in key_limits), whether or not any rule named
-- a field. Most installations have no such rule, and the call was about a tenth of an insert's
-- time: 0.015 to 0.025 ms of 0.25 to 0.28 (pgbench -M prepared, one client, an INSERT of a pending
-- job; docs/benchmarks.md, "The key derivation trigger: schema version 19").
--
-- key_limits now keeps the trigger in step: a statement trigger on it enables jobs'
-- jobs_derive_concurrency_key when a rule with a key_field exists, and disables it when none is
-- left. The change is an ALTER TABLE of jobs, in the rule's own transaction, so it commits or
-- rolls back with the rule, and an insert that commits after the rule sees the trigger. It takes
-- jobs' SHARE ROW EXCLUSIVE lock, which waits for transactions writing jobs (a claim, a
-- completion: milliseconds) and holds new writes until the rule's transaction ends; it is taken
-- only when the state changes (the first field rule, the last one removed), and for at most
-- lock_timeout (2 s), after which the rule's change fails with a message to try again, rather
-- than stall the fleet behind a long transaction.
--
-- Two rule changes at once take turns on a transaction-level advisory lock, and each decides from
-- what has committed by then (READ COMMITTED: each statement of the function sees the latest
-- commits), so one adding a field rule and one removing the last other field rule cannot leave
-- the trigger off. In a REPEATABLE READ or SERIALIZABLE transaction the function only ever
-- enables the trigger (its snapshot may miss a concurrent rule): a trigger left on costs time,
-- one left off would lose keys.
CREATE FUNCTION ${flyway:defaultSchema}.sync_key_derivation() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp SET lock_timeout = '2s' AS $$
DECLARE
    wanted  boolean;
    enabled boolean;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext(TG_TABLE_SCHEMA || '.key_limits key_field'));
    wanted := EXISTS (SELECT 1 FROM ${flyway:defaultSchema}.key_limits k WHERE k.key_field IS NOT NULL);
    SELECT t.tgenabled <> 'D' INTO enabled
      FROM pg_trigger t
     WHERE t.tgrelid = '${flyway:defaultSchema}.jobs'::regclass AND t.tgname = 'jobs_derive_concurrency_key';
    IF wanted AND NOT enabled THEN
        ALTER TABLE ${flyway:defaultSchema}.jobs ENABLE TRIGGER jobs_derive_concurrency_key;
    ELSIF enabled AND NOT wanted AND current_setting('transaction_isolation') = 'read committed' THEN
        ALTER TABLE ${flyway:defaultSchema}.jobs DISABLE TRIGGER jobs_derive_concurrency_key;
    END IF;
    RETURN NULL;
EXCEPTION
    WHEN lock_not_available THEN
        RAISE EXCEPTION 'could not switch the key derivation trigger of %.jobs within 2 s: a long transaction is writing that table, or another key rule change waits for one',
                        TG_TABLE_SCHEMA
              USING ERRCODE = 'lock_not_available',
                    HINT = 'Try the key rule change again; pg_stat_activity shows the transactions that hold it.';
END
$$;

COMMENT ON FUNCTION ${flyway:defaultSchema}.sync_key_derivation() IS
    'jobfleet: enables jobs_derive_concurrency_key while a key rule names a payload field, disables it when none does';

CREATE TRIGGER key_limits_sync_key_derivation
    AFTER INSERT OR DELETE OR UPDATE OF key_field OR TRUNCATE ON ${flyway:defaultSchema}.key_limits
    FOR EACH STATEMENT EXECUTE FUNCTION ${flyway:defaultSchema}.sync_key_derivation();

-- The state the rules stored now call for.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM ${flyway:defaultSchema}.key_limits k WHERE k.key_field IS NOT NULL) THEN
        ALTER TABLE ${flyway:defaultSchema}.jobs DISABLE TRIGGER jobs_derive_concurrency_key;
    END IF;
END
$$;
