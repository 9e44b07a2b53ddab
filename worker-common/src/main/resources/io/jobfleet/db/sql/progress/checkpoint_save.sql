-- Fenced checkpoint of one attempt: the job row is locked first, only while this worker holds the
-- attempt (its claim token) and the job is running, so a worker that lost the job saves nothing.
-- A checkpoint of the same name is replaced.
WITH held AS (
    SELECT id
      FROM {schema}.jobs
     WHERE id = :id AND claim_token = :token AND locked_by = :worker AND status = 'running'
       FOR NO KEY UPDATE
)
INSERT INTO {schema}.checkpoints AS c (job_id, name, value, attempt)
SELECT held.id, :name, CAST(:value AS jsonb), :attempt FROM held
    ON CONFLICT (job_id, name) DO UPDATE
   SET value = excluded.value, attempt = excluded.attempt, saved_at = now()
RETURNING c.job_id
