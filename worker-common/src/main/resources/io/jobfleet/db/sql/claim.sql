-- Claim up to :limit due pending jobs of one queue, highest priority first, then oldest.
-- Each claimed row gets a new claim_token, which every fenced statement of the attempt matches.
-- The SKIP LOCKED sub-selects are InitPlans (ARRAY(...)), run exactly once, so no plan can re-run
-- them and lock more rows than their LIMIT, and the update finds its rows through the primary key
-- (a join there let a generic plan hash the whole table on every claim). Rows come back in no
-- particular order (the caller sorts them).
-- Flow control (schema version 7, docs/design.md):
-- * Paused: jobs of a paused queue or kind (jobfleet.pauses, while `until` has not passed) are
--   skipped; a pause of the whole queue is a one-time filter, so nothing is scanned. Paused and
--   capped kinds are read once into an array (an InitPlan) that filters the index scan: written
--   as NOT EXISTS, the planner turned them into hash anti-joins over every pending job of the
--   queue, then sorted them (ClaimFlowPlanTest).
-- * Capped: claim_room locks the queue's rows of jobfleet.limits (claims of a capped queue take
--   turns) and returns each cap's room (cap minus running, counted after the lock). Jobs of kinds
--   without a cap of their own are picked as before; those of each capped kind by a second pick
--   of at most that kind's room; the best of both, at most :limit and the queue's own room, are
--   claimed (rows locked but not taken are released at commit). A queue without caps pays one
--   lookup in that small table.
-- * Keyed or rate-limited (schema version 10): a queue with key rules or claim rate limits is
--   picked by claim_flow, which walks its pending jobs in claim order and takes those every rule
--   lets start (a key's room, an ordered key's head, the buckets' tokens, the caps' room); the
--   set-based picks below are then off (a one-time filter). When a rate limit stopped the pick, one
--   more row comes back: no job (id NULL), and in retry_in_seconds when the next token is due.
-- * Neither function runs for a queue without caps (claim_room), or without key rules and claim
--   rates (claim_flow): a one-time filter looks the queue up in those small tables first (the same
--   lookups the functions start with), so a plain queue's claim calls no PL/pgSQL function, whose
--   call with its pinned search_path cost more than the rest of a one-job claim. No row from room
--   means no cap (least() ignores the NULL); no row from flow means the set-based picks.
--   The claim rates are looked up by the fragment claim_buckets.sql, as in claim_plain.sql.
-- * The paused and capped kinds' filter is wrapped in coalesce(..., false), which means the same
--   in a WHERE: written bare, `kind <> ALL (<array of an InitPlan>)` was estimated to keep about
--   one row, so the generic plan a worker reuses read every pending job of the queue through a
--   bitmap scan and sorted them, on every claim (milliseconds a claim on a queue of 20,000), where
--   it should walk jobs_claim_idx in order and stop at the limit (ClaimFlowPlanTest checks the
--   generic plan).
-- * frees_room (schema version 17) says whether the job runs under a cap or a key rule, as the
--   rules stand at this claim: only then does its end call the room-freed trigger's function,
--   which wakes the queue's workers (the trigger's WHEN clause tests the flag).
-- Commit without waiting for the WAL flush (synchronous_commit off, for this transaction only:
-- set_config(..., true) ends with it, so nothing leaks to the pooled connection or through a
-- transaction-mode pooler). The flush wait was about a third of an idle worker's enqueue-to-start
-- latency. A database crash can lose a claim of its last moments (at most 3 x wal_writer_delay):
-- the job is then pending again with its old claim_token, every fenced statement of the lost
-- attempt matches no row, and the job runs again, as after a lease expiry. Any fenced write of the
-- attempt that commits (progress, checkpoint, a message's SENDING mark, the completion) flushes
-- the WAL up to itself, the claim's record included, so no durable trace of an attempt can outlive
-- its claim. The filter on the first branch of the final SELECT makes it run on every claim.
-- :now is null in production (the transaction's now()); tests pass their clock's time.
WITH room AS MATERIALIZED (
    SELECT r.kind, greatest(r.room, 0) AS room FROM {schema}.claim_room(:queue) r
     WHERE EXISTS (SELECT 1 FROM {schema}.limits l WHERE l.queue = :queue)
), flow AS MATERIALIZED (
    SELECT f.ids, f.wait_seconds
      FROM {schema}.claim_flow(:queue, CAST(:now AS timestamptz), CAST(:limit AS int),
                               ARRAY(SELECT r.kind FROM room r ORDER BY r.kind NULLS FIRST),
                               ARRAY(SELECT r.room FROM room r ORDER BY r.kind NULLS FIRST)) f
     WHERE EXISTS (SELECT 1 FROM {schema}.key_limits k WHERE k.queue = :queue)
        OR {claim_buckets}
), async_commit AS MATERIALIZED (
    SELECT pg_catalog.set_config('synchronous_commit', 'off', true) AS setting
), claimed AS (
UPDATE {schema}.jobs j
   SET {claim_set},
       frees_room  = (EXISTS (SELECT 1 FROM room)
                      OR (j.concurrency_key IS NOT NULL
                          AND EXISTS (SELECT 1 FROM {schema}.key_limits k WHERE k.queue = :queue)))
 WHERE j.id = ANY (ARRAY(
        SELECT c.id
          FROM {schema}.jobs c
         WHERE c.id = ANY (ARRAY(
                SELECT id
                  FROM {schema}.jobs p
                 WHERE status = 'pending'
                   AND queue = :queue
                   AND scheduled_at <= coalesce(CAST(:now AS timestamptz), now())
                   AND (SELECT f.ids FROM flow f) IS NULL
                   AND NOT EXISTS (SELECT 1 FROM {schema}.pauses z
                                    WHERE z.queue = :queue AND z.kind IS NULL
                                      AND (z.until IS NULL OR z.until > coalesce(CAST(:now AS timestamptz), now())))
                   AND coalesce(kind <> ALL (ARRAY(SELECT z.kind FROM {schema}.pauses z
                                           WHERE z.queue = :queue AND z.kind IS NOT NULL
                                             AND (z.until IS NULL OR z.until > coalesce(CAST(:now AS timestamptz), now()))
                                          UNION ALL
                                          SELECT r.kind FROM room r WHERE r.kind IS NOT NULL)), false)
                 ORDER BY priority DESC, scheduled_at, id
                 LIMIT (SELECT least(CAST(:limit AS int), (SELECT r.room FROM room r WHERE r.kind IS NULL)))
                   FOR UPDATE SKIP LOCKED)
            || ARRAY(
                SELECT capped.id
                  FROM room r
                 CROSS JOIN LATERAL (
                        SELECT id
                          FROM {schema}.jobs p
                         WHERE status = 'pending'
                           AND queue = :queue
                           AND kind = r.kind
                           AND scheduled_at <= coalesce(CAST(:now AS timestamptz), now())
                           AND NOT EXISTS (SELECT 1 FROM {schema}.pauses z
                                            WHERE z.queue = :queue AND (z.kind IS NULL OR z.kind = r.kind)
                                              AND (z.until IS NULL OR z.until > coalesce(CAST(:now AS timestamptz), now())))
                         ORDER BY priority DESC, scheduled_at, id
                         LIMIT least(r.room, CAST(:limit AS int))
                           FOR UPDATE SKIP LOCKED) capped
                 WHERE r.kind IS NOT NULL
                   AND (SELECT f.ids FROM flow f) IS NULL)
            || coalesce((SELECT f.ids FROM flow f), '{}'))
         ORDER BY c.priority DESC, c.scheduled_at, c.id
         LIMIT (SELECT least(CAST(:limit AS int), (SELECT r.room FROM room r WHERE r.kind IS NULL)))))
RETURNING {claim_returning}
)
SELECT c.id, c.queue, c.kind, c.payload, c.priority, c.attempts, c.max_attempts, c.timeout_seconds,
       c.scheduled_at, c.created_at, c.claim_token, c.traceparent, NULL::float8 AS retry_in_seconds
  FROM claimed c
 WHERE (SELECT a.setting FROM async_commit a) IS NOT NULL
UNION ALL
SELECT NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, f.wait_seconds
  FROM flow f
 WHERE f.wait_seconds IS NOT NULL
