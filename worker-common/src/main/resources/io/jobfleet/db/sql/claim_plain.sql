-- Claim up to :limit due pending jobs of a queue that no flow-control rule names: claim.sql without
-- its flow-control parts, which every claim of a plain queue executed for nothing (their lookups
-- found no row, but the executor still opened and ran them: about a third of the claim's round
-- trip, docs/benchmarks.md). The same pick (highest priority first, then oldest; SKIP LOCKED in an
-- InitPlan; the update by primary key), the same columns, the same commit without waiting for the
-- WAL flush (see claim.sql).
-- Whether the queue is plain is read in this statement, in its snapshot: a pause, a cap, a key rule
-- or a claim rate of the queue (the rows claim.sql looks up first) turns the pick off (a one-time
-- filter, so no row is read or locked), and the statement returns one row with ruled = true and
-- nothing else: the caller then claims with claim.sql. A rule added while this statement runs is
-- met as it would be by claim.sql, which reads the same tables the same way. A pause whose `until`
-- has passed does not count, as in claim.sql.
-- A claim rate of the queue is looked up as in claim.sql, by the fragment claim_buckets.sql.
-- frees_room is false: without a cap or a key rule, no job's end frees room.
-- Whether the round left due jobs it did not take is asked afterwards, by due_left.sql, and only
-- after a round that took some but fewer than its limit (a full round is followed by another at
-- once): counted here, in the pick's snapshot, it walked the queue's index range a second time before
-- the commit, on the way of every claimed job to its handler.
-- :now is null in production (the transaction's now()); tests pass their clock's time.
WITH rules AS MATERIALIZED (
    SELECT EXISTS (SELECT 1 FROM {schema}.limits l WHERE l.queue = :queue)
        OR EXISTS (SELECT 1 FROM {schema}.key_limits k WHERE k.queue = :queue)
        OR {claim_buckets}
        OR EXISTS (SELECT 1 FROM {schema}.pauses z
                    WHERE z.queue = :queue
                      AND (z.until IS NULL OR z.until > coalesce(CAST(:now AS timestamptz), now()))) AS ruled
), async_commit AS MATERIALIZED (
    SELECT pg_catalog.set_config('synchronous_commit', 'off', true) AS setting
), claimed AS (
UPDATE {schema}.jobs j
   SET {claim_set},
       frees_room  = false
 WHERE j.id = ANY (ARRAY(
        SELECT id
          FROM {schema}.jobs p
         WHERE status = 'pending'
           AND queue = :queue
           AND scheduled_at <= coalesce(CAST(:now AS timestamptz), now())
           AND NOT (SELECT r.ruled FROM rules r)
         ORDER BY priority DESC, scheduled_at, id
         LIMIT CAST(:limit AS int)
           FOR UPDATE SKIP LOCKED))
RETURNING {claim_returning}
)
SELECT c.id, c.queue, c.kind, c.payload, c.priority, c.attempts, c.max_attempts, c.timeout_seconds,
       c.scheduled_at, c.created_at, c.claim_token, c.traceparent, false AS ruled
  FROM claimed c
 WHERE (SELECT a.setting FROM async_commit a) IS NOT NULL
UNION ALL
SELECT NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, true
  FROM rules r
 WHERE r.ruled
