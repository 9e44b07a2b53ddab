-- Graceful shutdown: give unfinished attempts back to pending without charging the attempt.
-- Rows are locked in id order first (see heartbeat.sql).
WITH held AS (
    SELECT h.id, h.attempt
      FROM unnest(CAST(:ids AS bigint[]), CAST(:attempts AS int[])) AS h(id, attempt)
), locked AS MATERIALIZED (
    SELECT j.id
      FROM {schema}.jobs j
      JOIN held h ON h.id = j.id AND h.attempt = j.attempts
     WHERE j.locked_by = :worker AND j.status = 'running'
     ORDER BY j.id
       FOR NO KEY UPDATE OF j
)
UPDATE {schema}.jobs j
   SET status       = 'pending',
       attempts     = j.attempts - 1,
       locked_by    = NULL,
       lease_until  = NULL,
       scheduled_at = now(),
       updated_at   = now()
  FROM locked
 WHERE j.id = locked.id
RETURNING j.id, j.queue
