-- Fenced completion of many attempts in one statement (jobs whose handlers wrote nothing else).
-- Only rows still running, held by this worker, on the same attempt are completed.
UPDATE {schema}.jobs j
   SET status       = 'completed',
       result       = CAST(done.result AS jsonb),
       completed_at = now(),
       updated_at   = now(),
       lease_until  = NULL
  FROM unnest(CAST(:ids AS bigint[]), CAST(:attempts AS int[]), CAST(:results AS text[]))
       AS done(id, attempt, result)
 WHERE j.id = done.id
   AND j.attempts = done.attempt
   AND j.locked_by = :worker
   AND j.status = 'running'
RETURNING j.id
