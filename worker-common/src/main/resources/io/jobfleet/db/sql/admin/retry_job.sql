-- One failed or cancelled job back to pending, attempts reset, due now. The history in errors
-- and last_error stays. A dedup_key already pending or running in the queue makes the unique
-- index refuse it (SQLSTATE 23505).
UPDATE {schema}.jobs
   SET status       = 'pending',
       attempts     = 0,
       scheduled_at = now(),
       result       = NULL,
       locked_by    = NULL,
       lease_until  = NULL,
       started_at   = NULL,
       completed_at = NULL,
       updated_at   = now()
 WHERE id = :id
   AND status IN ('failed', 'cancelled')
RETURNING id, queue
