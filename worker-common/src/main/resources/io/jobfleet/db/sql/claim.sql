-- Claim up to :limit due pending jobs of one queue, highest priority first, then oldest.
-- The SKIP LOCKED sub-select is an InitPlan (ARRAY(...)), run exactly once, so no plan can re-run
-- it and lock more rows than the LIMIT, and the update finds its rows through the primary key (a
-- join there let a generic plan hash the whole table on every claim). Rows come back in no
-- particular order (the caller sorts them).
-- Flow control (V7, docs/design.md): jobs of a paused queue or kind are skipped (a pause of the
-- whole queue is a one-time filter: nothing is scanned), and the caps of jobfleet.limits hold
-- fleet-wide: claim_room locks the queue's limit rows, so claims of a capped queue take turns, and
-- counts what runs; the batch is cut to the queue's room and each capped kind to its own. A queue
-- without limits pays one lookup in that small table.
-- :now is null in production (the transaction's now()); tests pass their clock's time.
WITH room AS MATERIALIZED (
    SELECT r.kind, greatest(r.room, 0) AS room FROM {schema}.claim_room(:queue) r
)
UPDATE {schema}.jobs j
   SET status      = 'running',
       attempts    = j.attempts + 1,
       locked_by   = :worker,
       lease_until = coalesce(CAST(:now AS timestamptz), now()) + make_interval(secs => :leaseSeconds),
       started_at  = now(),
       updated_at  = now()
 WHERE j.id = ANY (ARRAY(
        SELECT t.id
          FROM (SELECT c.id, c.kind,
                       row_number() OVER (PARTITION BY c.kind ORDER BY c.priority DESC, c.scheduled_at, c.id) AS n
                  FROM {schema}.jobs c
                 WHERE c.id = ANY (ARRAY(
                        SELECT id
                          FROM {schema}.jobs p
                         WHERE status = 'pending'
                           AND queue = :queue
                           AND scheduled_at <= coalesce(CAST(:now AS timestamptz), now())
                           AND NOT EXISTS (SELECT 1 FROM {schema}.pauses z
                                            WHERE z.queue = :queue AND z.kind IS NULL
                                              AND (z.until IS NULL OR z.until > coalesce(CAST(:now AS timestamptz), now())))
                           AND NOT EXISTS (SELECT 1 FROM {schema}.pauses z
                                            WHERE z.queue = p.queue AND z.kind = p.kind
                                              AND (z.until IS NULL OR z.until > coalesce(CAST(:now AS timestamptz), now())))
                           AND NOT EXISTS (SELECT 1 FROM room r WHERE r.kind = p.kind AND r.room = 0)
                         ORDER BY priority DESC, scheduled_at, id
                         LIMIT (SELECT least(CAST(:limit AS int), (SELECT r.room FROM room r WHERE r.kind IS NULL)))
                           FOR UPDATE SKIP LOCKED))) t
         WHERE t.n <= coalesce((SELECT r.room FROM room r WHERE r.kind = t.kind), 2147483647)))
RETURNING j.id, j.queue, j.kind, j.payload::text AS payload, j.priority, j.attempts,
          j.max_attempts, j.timeout_seconds, j.scheduled_at, j.created_at
