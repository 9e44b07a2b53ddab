-- jobfleet schema, version 6: a claim token that never repeats fences every state change, and
-- failure writes owed by jobs that ended where their family could not run them.
--
-- Fenced statements used to recognise the holder of an attempt by (attempts, locked_by). An
-- operator's `retry` or `unlock --force` resets attempts, so a stale attempt of the same worker
-- could match again and complete or write over the new one. Every claim now draws a new token
-- from a sequence, and every fenced statement checks it. A nullable column with no default is
-- added without rewriting the table.
CREATE SEQUENCE ${flyway:defaultSchema}.jobs_claim_token_seq AS bigint;

ALTER TABLE ${flyway:defaultSchema}.jobs ADD COLUMN claim_token bigint;

COMMENT ON COLUMN ${flyway:defaultSchema}.jobs.claim_token IS
    'jobfleet: drawn from jobs_claim_token_seq at every claim; fenced statements match it';

-- Failure writes owed: a job that ended without its family's failure writes (cancelled after an
-- attempt started, unlocked to failed by an operator) is flagged, and a worker that knows its kind
-- runs them (JobHandler#onFailed) and clears the flag, so the app's row never stays PROCESSING.
ALTER TABLE ${flyway:defaultSchema}.jobs ADD COLUMN failure_writes_pending boolean NOT NULL DEFAULT false;

CREATE INDEX jobs_failure_writes_idx ON ${flyway:defaultSchema}.jobs (id) WHERE failure_writes_pending;

-- Cancel: as in version 1, and a job cancelled after an attempt started (running, or pending for
-- a retry) owes its failure writes; the queue's workers are woken to run them. Like every
-- jobfleet function, its body sees only the built-ins (search_path = pg_catalog, pg_temp).
CREATE OR REPLACE FUNCTION ${flyway:defaultSchema}.cancel(p_id bigint) RETURNS boolean
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    q text;
BEGIN
    UPDATE ${flyway:defaultSchema}.jobs
       SET status = 'cancelled', completed_at = now(), updated_at = now(), lease_until = NULL,
           failure_writes_pending = (status = 'running' OR attempts > 0)
     WHERE id = p_id AND status IN ('pending', 'running')
    RETURNING CASE WHEN failure_writes_pending THEN queue END INTO q;
    IF NOT FOUND THEN
        RETURN false;
    END IF;
    IF q IS NOT NULL THEN
        PERFORM pg_catalog.pg_notify('${flyway:defaultSchema}' || '.jobs', q);
    END IF;
    RETURN true;
END
$$;
