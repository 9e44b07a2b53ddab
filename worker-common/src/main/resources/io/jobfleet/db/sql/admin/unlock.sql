-- Unlock selected jobs (locked by this transaction): back to pending for another attempt, or
-- failed when the attempts are spent, unless :force resets the attempts of spent jobs to 0.
-- The attempt that was running counts as failed, with error class "unlocked". last_error is shown
-- to the app's user: the worker and the operator (user, host) are only in errors[].
-- A job unlocked to failed owes its family's failure writes, which a worker of its kind runs
-- (failure_writes.sql).
UPDATE {schema}.jobs j
   SET status       = CASE WHEN j.attempts >= j.max_attempts AND NOT CAST(:force AS boolean)
                           THEN 'failed' ELSE 'pending' END,
       attempts     = CASE WHEN j.attempts >= j.max_attempts AND CAST(:force AS boolean)
                           THEN 0 ELSE j.attempts END,
       scheduled_at = CASE WHEN j.attempts >= j.max_attempts AND NOT CAST(:force AS boolean)
                           THEN j.scheduled_at ELSE now() END,
       completed_at = CASE WHEN j.attempts >= j.max_attempts AND NOT CAST(:force AS boolean)
                           THEN now() END,
       locked_by    = CASE WHEN j.attempts >= j.max_attempts AND NOT CAST(:force AS boolean)
                           THEN j.locked_by END,
       lease_until  = NULL,
       failure_writes_pending = j.attempts >= j.max_attempts AND NOT CAST(:force AS boolean),
       last_error   = 'unlocked by an operator: its worker no longer renewed its lease during attempt '
                      || j.attempts,
       errors       = j.errors || pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object(
                          'attempt', j.attempts, 'at', now(), 'worker', j.locked_by,
                          'class', 'unlocked',
                          'message', 'unlocked by an operator; lease '
                                     || coalesce('expired at ' || j.lease_until, 'missing'),
                          'by', :operator,
                          'attempts_reset', j.attempts >= j.max_attempts AND CAST(:force AS boolean))),
       updated_at   = now()
 WHERE j.id = ANY (CAST(:ids AS bigint[]))
   AND j.status = 'running'
   AND (j.lease_until IS NULL OR j.lease_until < now())
RETURNING j.id, j.queue, j.kind, j.status, j.attempts
