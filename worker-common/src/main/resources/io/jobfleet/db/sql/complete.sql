-- Fenced completion: only the holder of this attempt (its claim token) of a running job can complete it.
-- The job's checkpoints (partial results for a retry) go with it, in the same statement.
WITH done AS (
    UPDATE {schema}.jobs
       SET status       = 'completed',
           result       = CAST(:result AS jsonb),
           completed_at = now(),
           updated_at   = now(),
           lease_until  = NULL
     WHERE id = :id AND claim_token = :token AND locked_by = :worker AND status = 'running'
    RETURNING id
), cleared AS (
    DELETE FROM {schema}.checkpoints c USING done WHERE c.job_id = done.id
)
SELECT id FROM done
