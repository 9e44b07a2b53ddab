-- Graceful shutdown: give unfinished attempts back to pending without charging the attempt.
-- Rows are locked in id order first (see heartbeat.sql).
WITH locked AS MATERIALIZED (
    SELECT j.id
      FROM {schema}.jobs j
     WHERE j.id = ANY (CAST(:ids AS bigint[]))
       AND j.attempts = (CAST(:attempts AS int[]))[array_position(CAST(:ids AS bigint[]), j.id)]
       AND j.locked_by = :worker AND j.status = 'running'
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
