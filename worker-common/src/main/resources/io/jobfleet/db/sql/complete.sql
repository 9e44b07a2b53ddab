-- Fenced completion: only the holder of this attempt of a running job can complete it.
UPDATE {schema}.jobs
   SET status       = 'completed',
       result       = CAST(:result AS jsonb),
       completed_at = now(),
       updated_at   = now(),
       lease_until  = NULL
 WHERE id = :id AND attempts = :attempt AND locked_by = :worker AND status = 'running'
