-- Fenced completion of many attempts in one statement (jobs whose handlers wrote nothing else).
-- Only rows still running, held by this worker, on the same attempt are completed. Rows are
-- locked in id order first (see heartbeat.sql), so this never deadlocks with a heartbeat.
WITH done AS (
    SELECT d.id, d.attempt, d.result
      FROM unnest(CAST(:ids AS bigint[]), CAST(:attempts AS int[]), CAST(:results AS text[]))
           AS d(id, attempt, result)
), locked AS MATERIALIZED (
    SELECT j.id
      FROM {schema}.jobs j
      JOIN done d ON d.id = j.id AND d.attempt = j.attempts
     WHERE j.locked_by = :worker AND j.status = 'running'
     ORDER BY j.id
       FOR NO KEY UPDATE OF j
)
UPDATE {schema}.jobs j
   SET status       = 'completed',
       result       = CAST(done.result AS jsonb),
       completed_at = now(),
       updated_at   = now(),
       lease_until  = NULL
  FROM locked
  JOIN done ON done.id = locked.id
 WHERE j.id = locked.id
RETURNING j.id
