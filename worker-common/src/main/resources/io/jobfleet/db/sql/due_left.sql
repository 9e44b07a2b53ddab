-- Whether due pending jobs of a queue are left: asked by the claim loop after a round of the plain
-- claim (claim_plain.sql) that took some jobs but fewer than its limit, after that round committed
-- and its jobs went to their handlers. Rows that round skipped (SKIP LOCKED: another worker's claim,
-- or any other transaction holding them) are still pending, in this statement's snapshot too,
-- unless that claim has committed meanwhile and taken them (then nothing is left to claim). When
-- some are left, a handler that returns starts another round, not the next poll.
-- Asked in the claim statement itself, as it was, this count walked the queue's range of
-- jobs_claim_idx a second time, dead entries of the jobs claimed since the last vacuum included,
-- before the round's commit and so before its jobs could start (docs/benchmarks.md).
-- One row when some are left, none otherwise. Written as the claim's pick is, in the order of
-- jobs_claim_idx with a LIMIT: the generic plan a worker reuses must walk that index. As
-- `SELECT EXISTS (...)` (whose subquery PostgreSQL strips of ORDER BY and LIMIT) the generic plan
-- was a sequential scan of the whole table, which expects a queue's rows to be met early: with
-- 100,000 jobs of another queue pending it read them all, 14 to 30 ms at every round of an idle
-- queue (DueLeftPlanTest).
-- :now is null in production (the transaction's now()); tests pass their clock's time.
SELECT true AS due_left
  FROM {schema}.jobs p
 WHERE status = 'pending'
   AND queue = :queue
   AND scheduled_at <= coalesce(CAST(:now AS timestamptz), now())
 ORDER BY priority DESC, scheduled_at, id
 LIMIT 1
