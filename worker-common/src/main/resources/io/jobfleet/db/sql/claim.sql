-- Claim up to :limit due pending jobs of one queue, highest priority first, then oldest.
-- The SKIP LOCKED subquery sits in a MATERIALIZED CTE: without that fence the planner may turn
-- the join into a nested loop that locks and updates more rows than the LIMIT.
WITH due AS MATERIALIZED (
    SELECT id
      FROM {schema}.jobs
     WHERE status = 'pending'
       AND queue = :queue
       AND scheduled_at <= now()
     ORDER BY priority DESC, scheduled_at, id
     LIMIT :limit
       FOR UPDATE SKIP LOCKED
)
UPDATE {schema}.jobs j
   SET status      = 'running',
       attempts    = j.attempts + 1,
       locked_by   = :worker,
       lease_until = now() + make_interval(secs => :leaseSeconds),
       started_at  = now(),
       updated_at  = now()
  FROM due
 WHERE j.id = due.id
RETURNING j.id, j.queue, j.kind, j.payload::text AS payload, j.priority, j.attempts,
          j.max_attempts, j.timeout_seconds, j.scheduled_at, j.created_at
