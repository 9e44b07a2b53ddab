-- jobfleet schema, version 2: the rescue's index no longer attracts fenced statements.
--
-- Version 1 indexed lease_until WHERE status = 'running'. Every fenced statement (complete, fail,
-- heartbeat, hand back, the claim's stored completions: "id = :id ... AND status = 'running'")
-- implies that predicate, so whenever the statistics had seen few running jobs the planner chose
-- that index over the primary key and read every running job of every worker to find one row:
-- O(running jobs) per completion, quadratic for a batch. The predicate now also names lease_until,
-- which only the rescue and its next-expiry query test, so those statements find their rows by id.
--
-- Building it reads the jobs table once, and enqueues wait for that scan (CONCURRENTLY would not
-- block them, but it waits for every open transaction of the database, other workers' migrations
-- included). On a large table, `jobfleet prune` first keeps the scan short.
CREATE INDEX jobs_leased_idx ON ${flyway:defaultSchema}.jobs (lease_until)
    WHERE status = 'running' AND lease_until IS NOT NULL;

DROP INDEX ${flyway:defaultSchema}.jobs_lease_idx;
