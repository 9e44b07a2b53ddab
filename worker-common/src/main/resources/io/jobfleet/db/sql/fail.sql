-- Fenced failure of one attempt: back to pending after :delaySeconds, or failed when the error is
-- permanent or the attempts are spent. Every failed attempt is appended to errors.
-- :now is null in production (the transaction's now()); tests pass their clock's time.
UPDATE {schema}.jobs
   SET status       = CASE WHEN :permanent OR attempts >= max_attempts THEN 'failed' ELSE 'pending' END,
       scheduled_at = CASE WHEN :permanent OR attempts >= max_attempts THEN scheduled_at
                           ELSE coalesce(CAST(:now AS timestamptz), now()) + pg_catalog.make_interval(secs => CAST(:delaySeconds AS float8)) END,
       completed_at = CASE WHEN :permanent OR attempts >= max_attempts THEN now() END,
       locked_by    = CASE WHEN :permanent OR attempts >= max_attempts THEN locked_by END,
       lease_until  = NULL,
       last_error   = :message,
       errors       = errors || pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object(
                          'attempt', attempts, 'at', coalesce(CAST(:now AS timestamptz), now()), 'worker', :worker,
                          'class', :errorClass, 'message', :message,
                          'retry_at', CASE WHEN :permanent OR attempts >= max_attempts THEN NULL
                                           ELSE coalesce(CAST(:now AS timestamptz), now()) + pg_catalog.make_interval(secs => CAST(:delaySeconds AS float8)) END)),
       updated_at   = now()
 WHERE id = :id AND claim_token = :token AND locked_by = :worker AND status = 'running'
RETURNING status, scheduled_at
