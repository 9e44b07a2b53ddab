-- jobfleet schema, version 18: the claim's estimated cost stays small, so a server with JIT
-- compiles nothing for it.
--
-- PostgreSQL compiles a statement's expressions with LLVM when the planner's estimated cost
-- passes jit_above_cost (100,000 by default; jit is on by default, and Debian's, Ubuntu's and the
-- official images' packages ship the LLVM support). The compilation is done again at each
-- execution, prepared or not: about 70 ms for the claim, against about 1 ms for the claim itself.
-- The flow-control functions the claim joins return sets, so the planner took each to return
-- 1,000 rows (the default of a set-returning function); the capped kinds' pick, one LIMITed scan of
-- the pending jobs per row of claim_room, was then estimated at a thousand such scans. The claim of
-- a queue of 20,000 pending jobs was estimated at 188,000 (its generic plan) to 263,000 (with its
-- values), so every claim was compiled: one worker of 8 threads drained 553 jobs a second on
-- Debian's PostgreSQL 15, and 21,395 with this version (docs/benchmarks.md, "JIT").
-- At 100,000 pending the estimate passed 1,000,000, where the compilation also optimizes and
-- inlines.
--
-- Each function returns a row per cap (claim_room), one row (claim_flow) or one per bucket
-- (take_tokens): they are declared to return about one. The claim's estimate is then about 600
-- at 20,000 pending and 24,000 at 1,000,000 (it still grows with the queue: a LIMIT the planner
-- cannot evaluate counts as a tenth of the rows under it). The workers also turn jit off on their
-- own connections (io.jobfleet.db.Database), except through a transaction-mode pooler, where
-- session settings do not last: there, this estimate is what keeps the claim uncompiled.
--
-- A later CREATE OR REPLACE of one of these functions must repeat its ROWS clause, or the default
-- comes back (ClaimCostTest fails).
ALTER FUNCTION ${flyway:defaultSchema}.claim_room(text) ROWS 1;
ALTER FUNCTION ${flyway:defaultSchema}.claim_flow(text, timestamptz, integer, text[], integer[]) ROWS 1;
ALTER FUNCTION ${flyway:defaultSchema}.take_tokens(text, double precision, boolean, timestamptz) ROWS 1;
