-- What finding a queue's next pending job costs: the claim's walk of jobs_claim_idx (read only,
-- no lock), run under EXPLAIN ANALYZE for its buffer counts. A clean index gives a few pages. The
-- entries of jobs claimed since a vacuum last cleaned the index stay in it, first in the queue's
-- order, and every claim steps over them; PostgreSQL's vacuum skips the indexes while the dead
-- row versions sit on under 2% of the table's pages, which on a large table takes long
-- (docs/capacity.md).
EXPLAIN (ANALYZE, BUFFERS, TIMING OFF, COSTS OFF, FORMAT JSON)
SELECT p.id
  FROM {schema}.jobs p
 WHERE p.status = 'pending'
   AND p.queue = :queue
 ORDER BY p.priority DESC, p.scheduled_at, p.id
 LIMIT 1
