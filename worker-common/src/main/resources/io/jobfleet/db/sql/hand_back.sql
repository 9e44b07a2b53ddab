-- Graceful shutdown: give unfinished attempts back to pending without charging the attempt.
UPDATE {schema}.jobs j
   SET status       = 'pending',
       attempts     = j.attempts - 1,
       locked_by    = NULL,
       lease_until  = NULL,
       scheduled_at = now(),
       updated_at   = now()
  FROM unnest(CAST(:ids AS bigint[]), CAST(:attempts AS int[])) AS held(id, attempt)
 WHERE j.id = held.id
   AND j.attempts = held.attempt
   AND j.locked_by = :worker
   AND j.status = 'running'
RETURNING j.id, j.queue
