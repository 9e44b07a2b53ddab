-- Fenced completion: only the holder of this attempt (its claim token) of a running job can complete it.
UPDATE {schema}.jobs
   SET status       = 'completed',
       result       = CAST(:result AS jsonb),
       completed_at = now(),
       updated_at   = now(),
       lease_until  = NULL
 WHERE id = :id AND claim_token = :token AND locked_by = :worker AND status = 'running'
