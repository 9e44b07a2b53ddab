-- Rescue running jobs whose lease ran out (their worker died or lost the database): back to
-- pending for another attempt, or failed when the attempts are spent. A spent job is failed only
-- by a worker that knows its kind (:kinds), so that the family's failure writes run with it. SKIP LOCKED and a bounded
-- batch let several workers rescue at once without waiting on each other.
-- The last row carries the time until the next lease expires, so the rescuer can sleep until then,
-- and whether any job is pending at all (when none is pending or running, nothing can be orphaned
-- until a new job is inserted, which the rescuer hears through NOTIFY).
-- Each rescued row names the attempt that was lost and the worker that lost it (for the logs).
-- :now is null in production (the transaction's now()); tests pass their clock's time.
-- last_error is shown to the app's user: it names no worker (host, pid); errors[] does.
WITH orphaned AS MATERIALIZED (
    SELECT id, locked_by AS lost_by
      FROM {schema}.jobs
     WHERE status = 'running' AND lease_until < coalesce(CAST(:now AS timestamptz), now())
       AND (attempts < max_attempts OR kind = ANY (CAST(:kinds AS text[])))
     ORDER BY lease_until
     LIMIT :batch
       FOR UPDATE SKIP LOCKED
), rescued AS (
    UPDATE {schema}.jobs j
       SET status       = CASE WHEN j.attempts >= j.max_attempts THEN 'failed' ELSE 'pending' END,
           scheduled_at = CASE WHEN j.attempts >= j.max_attempts THEN j.scheduled_at ELSE coalesce(CAST(:now AS timestamptz), now()) END,
           completed_at = CASE WHEN j.attempts >= j.max_attempts THEN now() END,
           locked_by    = CASE WHEN j.attempts >= j.max_attempts THEN j.locked_by END,
           lease_until  = NULL,
           last_error   = 'the worker running it stopped renewing its lease'
                          || ' (process died or lost the database) during attempt ' || j.attempts
                          || CASE WHEN j.attempts >= j.max_attempts THEN ', its last attempt' ELSE '' END,
           errors       = j.errors || pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object(
                              'attempt', j.attempts, 'at', coalesce(CAST(:now AS timestamptz), now()), 'worker', j.locked_by,
                              'class', 'worker_lost',
                              'message', 'lease expired at ' || j.lease_until || ' without a heartbeat',
                              'rescued_by', :worker)),
           updated_at   = now()
      FROM orphaned o
     WHERE j.id = o.id
    RETURNING j.id, j.queue, j.kind, j.status, j.attempts, j.payload::text AS payload, j.last_error, o.lost_by
)
SELECT id, queue, kind, status, attempts, payload, last_error, lost_by AS locked_by,
       NULL::float8 AS next_expiry_seconds, NULL::boolean AS any_pending FROM rescued
UNION ALL
SELECT NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
       extract(epoch FROM (SELECT min(lease_until) FROM {schema}.jobs
                            WHERE status = 'running' AND lease_until >= coalesce(CAST(:now AS timestamptz), now()))
                          - coalesce(CAST(:now AS timestamptz), now()))::float8,
       EXISTS (SELECT 1 FROM {schema}.jobs WHERE status = 'pending')
