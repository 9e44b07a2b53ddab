-- Graceful shutdown: give unfinished attempts back to pending without charging the attempt.
-- The held rows are locked in id order first (held_locked.sql).
WITH {held_locked}
UPDATE {schema}.jobs j
   SET status       = 'pending',
       attempts     = j.attempts - 1,
       locked_by    = NULL,
       lease_until  = NULL,
       scheduled_at = now(),
       updated_at   = now()
  FROM locked
 WHERE j.id = locked.id
RETURNING j.id, j.queue
