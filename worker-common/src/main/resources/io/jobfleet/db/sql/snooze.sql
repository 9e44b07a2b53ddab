-- Fenced snooze: the handler said "not now, try again after :delaySeconds". The job goes back to
-- pending with the attempt the claim charged given back, and snoozes + 1; once it has snoozed
-- max_snoozes times, the next snooze fails it instead, with a readable error. Either way the
-- snooze is appended to errors (class 'snoozed', retry_at when it comes back).
-- :now is null in production (the transaction's now()); tests pass their clock's time.
UPDATE {schema}.jobs
   SET status       = CASE WHEN snoozes >= max_snoozes THEN 'failed' ELSE 'pending' END,
       attempts     = CASE WHEN snoozes >= max_snoozes THEN attempts ELSE attempts - 1 END,
       snoozes      = CASE WHEN snoozes >= max_snoozes THEN snoozes ELSE snoozes + 1 END,
       scheduled_at = CASE WHEN snoozes >= max_snoozes THEN scheduled_at
                           ELSE coalesce(CAST(:now AS timestamptz), now()) + pg_catalog.make_interval(secs => CAST(:delaySeconds AS float8)) END,
       completed_at = CASE WHEN snoozes >= max_snoozes THEN now() END,
       locked_by    = CASE WHEN snoozes >= max_snoozes THEN locked_by END,
       lease_until  = NULL,
       last_error   = CASE WHEN snoozes >= max_snoozes
                           THEN 'snoozed ' || snoozes || CASE WHEN snoozes = 1 THEN ' time' ELSE ' times' END
                                || ', the limit; last reason: ' || :reason
                           ELSE last_error END,
       errors       = errors || pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object(
                          'attempt', attempts, 'at', coalesce(CAST(:now AS timestamptz), now()), 'worker', :worker,
                          'class', 'snoozed', 'message', :reason,
                          'retry_at', CASE WHEN snoozes >= max_snoozes THEN NULL
                                           ELSE coalesce(CAST(:now AS timestamptz), now()) + pg_catalog.make_interval(secs => CAST(:delaySeconds AS float8)) END)),
       updated_at   = now()
 WHERE id = :id AND claim_token = :token AND locked_by = :worker AND status = 'running'
RETURNING status, scheduled_at, last_error
