-- Store the attempts a worker finished, and claim up to :limit due pending jobs of its queue
-- (highest priority first, then oldest), in one statement and one commit. Either part may be
-- empty: the claim loop passes no finished attempts, the completion store (which runs in
-- parallel with it, on another connection) passes :limit 0.
--
-- Completion: only rows still running, held by this worker, on the same attempt are completed
-- (jobs whose handlers wrote nothing but their result). They are locked in id order first, like
-- every statement that updates several held jobs (heartbeat, hand_back), so two of them running
-- at once never deadlock. The held jobs are found by id alone (= ANY, the primary key), and each
-- one's attempt and result are looked up by its position in the arrays: no join with the list,
-- whose plan could read every running job once per finished one when statistics are stale.
--
-- Claim: the SKIP LOCKED sub-select is an InitPlan (ARRAY(...)), run exactly once, so no plan can
-- re-run it and lock more rows than the LIMIT, and the update finds its rows through the primary
-- key (a join there let a generic plan hash the whole table on every claim). Both parts see one
-- snapshot and touch disjoint rows (running ones above, pending ones here).
--
-- Claimed rows come back with claimed = true, in no particular order (the caller sorts them);
-- completed rows with claimed = false and only their id.
WITH locked AS MATERIALIZED (
    SELECT j.id, array_position(CAST(:ids AS bigint[]), j.id) AS i
      FROM {schema}.jobs j
     WHERE j.id = ANY (CAST(:ids AS bigint[]))
       AND j.attempts = (CAST(:attempts AS int[]))[array_position(CAST(:ids AS bigint[]), j.id)]
       AND j.locked_by = :worker AND j.status = 'running'
     ORDER BY j.id
       FOR NO KEY UPDATE OF j
), completed AS (
    UPDATE {schema}.jobs j
       SET status       = 'completed',
           result       = CAST((CAST(:results AS text[]))[locked.i] AS jsonb),
           completed_at = now(),
           updated_at   = now(),
           lease_until  = NULL
      FROM locked
     WHERE j.id = locked.id
    RETURNING j.id
), claimed AS (
    UPDATE {schema}.jobs j
       SET status      = 'running',
           attempts    = j.attempts + 1,
           locked_by   = :worker,
           lease_until = now() + make_interval(secs => :leaseSeconds),
           started_at  = now(),
           updated_at  = now()
     WHERE j.id = ANY (ARRAY(
            SELECT id
              FROM {schema}.jobs
             WHERE status = 'pending'
               AND queue = :queue
               AND scheduled_at <= now()
             ORDER BY priority DESC, scheduled_at, id
             LIMIT (SELECT CAST(:limit AS int))
               FOR UPDATE SKIP LOCKED))
    RETURNING j.id, j.queue, j.kind, j.payload::text AS payload, j.priority, j.attempts,
              j.max_attempts, j.timeout_seconds, j.scheduled_at, j.created_at
)
SELECT true AS claimed, id, queue, kind, payload, priority, attempts, max_attempts, timeout_seconds,
       scheduled_at, created_at
  FROM claimed
UNION ALL
SELECT false, id, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
  FROM completed
