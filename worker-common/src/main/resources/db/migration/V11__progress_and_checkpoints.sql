-- jobfleet schema, version 11: progress, job events and checkpoints (docs/progress.md).
--
-- progress: the last progress a handler reported ({"done", "total", "stage", "at"}), written by
-- its worker at most about once a second per job, fenced like every write of an attempt. Adding a
-- nullable column without a default changes the catalog only; no row is rewritten.
ALTER TABLE ${flyway:defaultSchema}.jobs ADD COLUMN progress jsonb;

-- Checkpoints: partial results of a job (one per name) that a later attempt of the same job reads,
-- so that a retry does not redo (and pay the LLM for) the work an earlier attempt finished. Saved
-- only while the attempt holds the job; deleted by the statement that completes it, and with the
-- job when it is pruned.
CREATE TABLE ${flyway:defaultSchema}.checkpoints (
    job_id   bigint      NOT NULL REFERENCES ${flyway:defaultSchema}.jobs (id) ON DELETE CASCADE,
    name     text        NOT NULL CHECK (name <> '' AND length(name) <= 200),
    value    jsonb       NOT NULL,
    -- the attempt that saved it
    attempt  integer     NOT NULL,
    saved_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (job_id, name)
);

COMMENT ON TABLE ${flyway:defaultSchema}.checkpoints IS 'jobfleet: partial results a retry of the job resumes from (docs/progress.md)';

-- Job events: one NOTIFY on <schema>.job_events per job whose status or progress changed, with a
-- JSON payload, so the app can relay live updates (e.g. server-sent events) instead of polling.
-- Only statements that set status or progress queue the trigger (UPDATE OF), and its WHEN clause
-- is checked without calling the function: heartbeats, lease renewals and the claim-token fence
-- never run it. Statuses set by anyone (claim, completion, failure, rescue, the app's cancel, the
-- operator's retry) are reported the same way. A progress too large for a notification (8000
-- bytes) is left out of the payload rather than failing the update. Events: running, progress,
-- completed, failed, cancelled, retry_scheduled (a failed or rescued attempt back to pending) and
-- pending (an attempt given back uncharged: shutdown, snooze).
CREATE FUNCTION ${flyway:defaultSchema}.notify_job_event() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    channel text := TG_TABLE_SCHEMA || '.job_events';
BEGIN
    -- a channel name has at most 63 bytes: a schema name past 52 has no job events
    IF pg_catalog.octet_length(channel) > 63 THEN
        RETURN NULL;
    END IF;
    PERFORM pg_catalog.pg_notify(channel, CAST(pg_catalog.json_build_object(
        'id', NEW.id,
        'queue', NEW.queue,
        'kind', NEW.kind,
        'event', CASE
                     WHEN NEW.status IS NOT DISTINCT FROM OLD.status THEN 'progress'
                     WHEN NEW.status = 'pending' AND OLD.status = 'running' AND NEW.attempts >= OLD.attempts
                         THEN 'retry_scheduled'
                     ELSE NEW.status
                 END,
        'status', NEW.status,
        'attempt', NEW.attempts,
        'progress', CASE WHEN pg_catalog.octet_length(CAST(NEW.progress AS text)) <= 2000 THEN NEW.progress END
    ) AS text));
    RETURN NULL;
END
$$;

-- Progress events are always on: only the progress writes name the column, so the claim and the
-- completions never queue this trigger. Status events are a notification per claimed and per
-- finished job, which a busy queue pays for on every claim and completion: their trigger is
-- created off; `ALTER TABLE jobfleet.jobs ENABLE TRIGGER jobs_notify_job_status` (as the owner)
-- turns them on (docs/progress.md).
CREATE TRIGGER jobs_notify_job_progress
    AFTER UPDATE OF progress ON ${flyway:defaultSchema}.jobs
    FOR EACH ROW WHEN (OLD.progress IS DISTINCT FROM NEW.progress AND OLD.status IS NOT DISTINCT FROM NEW.status)
    EXECUTE FUNCTION ${flyway:defaultSchema}.notify_job_event();

CREATE TRIGGER jobs_notify_job_status
    AFTER UPDATE OF status ON ${flyway:defaultSchema}.jobs
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status)
    EXECUTE FUNCTION ${flyway:defaultSchema}.notify_job_event();

ALTER TABLE ${flyway:defaultSchema}.jobs DISABLE TRIGGER jobs_notify_job_status;
