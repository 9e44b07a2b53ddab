-- jobfleet schema, version 13: the app's trace context (docs/tracing.md).
--
-- The app may pass the W3C traceparent of the request that enqueued a job; the worker's span of
-- each attempt becomes a child of it, so the app's trace shows the job. Tracing must never break
-- the app's own transaction: a malformed value is not refused (a CHECK would roll back the app's
-- data with it) but dropped with a WARNING, and the job runs untraced.
ALTER TABLE ${flyway:defaultSchema}.jobs ADD COLUMN traceparent text;

COMMENT ON COLUMN ${flyway:defaultSchema}.jobs.traceparent IS
    'jobfleet: W3C traceparent of the enqueuing request (00-<trace id>-<parent id>-<flags>), or NULL';

-- Only a malformed value calls the function: the WHEN clause (parsed once, when the trigger is
-- created, so no search_path applies to it) lets NULL and well-formed values through untouched.
-- Well-formed: version 00's shape in lower-case hex (55 characters), not version ff, and neither
-- the trace id nor the parent id all zeros (https://www.w3.org/TR/trace-context/#traceparent-header).
CREATE FUNCTION ${flyway:defaultSchema}.drop_malformed_traceparent() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    RAISE WARNING 'jobfleet: traceparent of a % job ignored: not a W3C traceparent (00-<32 hex>-<16 hex>-<2 hex>, lower case; % characters given)',
                  NEW.kind, pg_catalog.length(NEW.traceparent);
    NEW.traceparent := NULL;
    RETURN NEW;
END
$$;

CREATE TRIGGER jobs_traceparent_format
    BEFORE INSERT OR UPDATE OF traceparent ON ${flyway:defaultSchema}.jobs
    FOR EACH ROW WHEN (NEW.traceparent IS NOT NULL
        AND NOT (NEW.traceparent ~ '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$'
                 AND substr(NEW.traceparent, 1, 2) <> 'ff'
                 AND substr(NEW.traceparent, 4, 32) <> '00000000000000000000000000000000'
                 AND substr(NEW.traceparent, 37, 16) <> '0000000000000000'))
    EXECUTE FUNCTION ${flyway:defaultSchema}.drop_malformed_traceparent();

-- enqueue() gains two trailing parameters: p_concurrency_key (the key of version 10) and
-- p_traceparent. The old function is replaced (a parameter with a default added beside it would
-- make every call that omits it ambiguous); its privileges are carried over to the new one, so an
-- app whose role was granted EXECUTE keeps enqueueing through the upgrade. The temporary table is dropped at the
-- end rather than ON COMMIT: a psql run in autocommit (deploy/verify.sh) would lose it at once.
CREATE TEMPORARY TABLE enqueue_acl AS
    SELECT p.proacl AS acl, p.proowner AS owner
      FROM pg_catalog.pg_proc p
     WHERE p.oid = '${flyway:defaultSchema}.enqueue(text, text, jsonb, integer, timestamptz, text, integer, integer)'::regprocedure;

DROP FUNCTION ${flyway:defaultSchema}.enqueue(text, text, jsonb, integer, timestamptz, text, integer, integer);

CREATE FUNCTION ${flyway:defaultSchema}.enqueue(
    p_queue           text,
    p_kind            text,
    p_payload         jsonb       DEFAULT '{}'::jsonb,
    p_priority        integer     DEFAULT 0,
    p_scheduled_at    timestamptz DEFAULT now(),
    p_dedup_key       text        DEFAULT NULL,
    p_max_attempts    integer     DEFAULT 3,
    p_timeout_seconds integer     DEFAULT 300,
    p_concurrency_key text        DEFAULT NULL,
    p_traceparent     text        DEFAULT NULL
) RETURNS bigint
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    new_id bigint;
BEGIN
    LOOP
        INSERT INTO ${flyway:defaultSchema}.jobs
            (queue, kind, payload, priority, scheduled_at, dedup_key, max_attempts, timeout_seconds, concurrency_key,
             traceparent)
        VALUES (p_queue, p_kind, coalesce(p_payload, '{}'::jsonb), coalesce(p_priority, 0),
                coalesce(p_scheduled_at, now()), p_dedup_key, coalesce(p_max_attempts, 3),
                coalesce(p_timeout_seconds, 300), p_concurrency_key, p_traceparent)
        ON CONFLICT (queue, dedup_key) WHERE dedup_key IS NOT NULL AND status IN ('pending', 'running')
        DO NOTHING
        RETURNING id INTO new_id;
        IF new_id IS NOT NULL THEN
            RETURN new_id;
        END IF;
        SELECT id INTO new_id FROM ${flyway:defaultSchema}.jobs
         WHERE queue = p_queue AND dedup_key = p_dedup_key AND status IN ('pending', 'running');
        IF new_id IS NOT NULL THEN
            RETURN new_id;
        END IF;
        -- the holder finished between the two statements: try the insert again
    END LOOP;
END
$$;

-- A NULL acl is the default (EXECUTE for PUBLIC), which the new function has already.
DO $$
DECLARE
    f constant regprocedure :=
        '${flyway:defaultSchema}.enqueue(text, text, jsonb, integer, timestamptz, text, integer, integer, text, text)'::regprocedure;
    g record;
BEGIN
    IF (SELECT acl IS NULL FROM enqueue_acl) THEN
        RETURN;
    END IF;
    EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f);
    FOR g IN SELECT a.grantee
               FROM enqueue_acl e, LATERAL pg_catalog.aclexplode(e.acl) a
              WHERE a.privilege_type = 'EXECUTE' AND a.grantee <> e.owner LOOP
        IF g.grantee = 0 THEN
            EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO PUBLIC', f);
        ELSE
            EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO %s', f, g.grantee::regrole::text);
        END IF;
    END LOOP;
END
$$;

DROP TABLE enqueue_acl;
