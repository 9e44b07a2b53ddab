-- Rescue running jobs whose lease ran out (their worker died or lost the database): back to
-- pending for another attempt, or failed when the attempts are spent. SKIP LOCKED and a bounded
-- batch let several workers rescue at once without waiting on each other.
-- The last row carries the time until the next lease expires, so the rescuer can sleep until then.
-- Each rescued row names the attempt that was lost and the worker that lost it (for the logs).
WITH orphaned AS MATERIALIZED (
    SELECT id, locked_by AS lost_by
      FROM {schema}.jobs
     WHERE status = 'running' AND lease_until < now()
     ORDER BY lease_until
     LIMIT :batch
       FOR UPDATE SKIP LOCKED
), rescued AS (
    UPDATE {schema}.jobs j
       SET status       = CASE WHEN j.attempts >= j.max_attempts THEN 'failed' ELSE 'pending' END,
           scheduled_at = CASE WHEN j.attempts >= j.max_attempts THEN j.scheduled_at ELSE now() END,
           completed_at = CASE WHEN j.attempts >= j.max_attempts THEN now() END,
           locked_by    = CASE WHEN j.attempts >= j.max_attempts THEN j.locked_by END,
           lease_until  = NULL,
           last_error   = 'worker ' || coalesce(j.locked_by, '?') || ' stopped renewing its lease'
                          || ' (process died or lost the database) during attempt ' || j.attempts,
           errors       = j.errors || jsonb_build_array(jsonb_build_object(
                              'attempt', j.attempts, 'at', now(), 'worker', j.locked_by,
                              'class', 'worker_lost',
                              'message', 'lease expired at ' || j.lease_until || ' without a heartbeat',
                              'rescued_by', :worker)),
           updated_at   = now()
      FROM orphaned o
     WHERE j.id = o.id
    RETURNING j.id, j.queue, j.kind, j.status, j.attempts, o.lost_by
)
SELECT id, queue, kind, status, attempts, lost_by AS locked_by, NULL::float8 AS next_expiry_seconds FROM rescued
UNION ALL
SELECT NULL, NULL, NULL, NULL, NULL, NULL,
       extract(epoch FROM (SELECT min(lease_until) FROM {schema}.jobs
                            WHERE status = 'running' AND lease_until >= now()) - now())::float8
