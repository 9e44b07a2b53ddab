-- jobfleet schema, version 16: autovacuum cleans the claim's index however large the table is.
--
-- A claim walks jobs_claim_idx from the head of its queue, and the entries of the jobs claimed
-- since a vacuum last cleaned the index come first: dead (their rows are no longer pending), yet
-- read by every claim until a vacuum removes them. Two of PostgreSQL's defaults made that wait grow
-- with the finished rows kept in the table, which the claim never reads:
-- * autovacuum came after 2% of the table's rows had dead versions (version 1's scale factor):
--   about 100,000 claimed jobs with 10,000,000 finished rows, against a few hundred on a small
--   table. The trigger is now mostly the churn itself: 1,000 dead versions plus 0.2% of the rows
--   (21,000 at 10,000,000 rows, about 10,000 jobs; 1,040 instead of 1,400 at 20,000 rows);
-- * a vacuum skipped the indexes while its dead versions sat on under 2% of the table's pages
--   ("index scan bypassed", PostgreSQL 14 and later), so on a large table it ran and left the claim's
--   walk as long as before. vacuum_index_cleanup = on makes each vacuum clean them.
-- Measured (docs/benchmarks.md, The claim's index on a large table): a claim on a freshly cleaned
-- index took 0.8 ms where one walking the dead entries of 20,000 to 140,000 claimed jobs took 1.3
-- to 2.4 ms.
-- The price is that each vacuum of the table reads all of its indexes: 1.6 s with 10,000,000 rows on
-- the bench machine (indexes cached); pruning finished jobs keeps the indexes, and that price,
-- small (docs/capacity.md).
--
-- SET of these storage parameters takes a SHARE UPDATE EXCLUSIVE lock: enqueues, claims and
-- completions go on meanwhile; it waits for a vacuum of the table in progress (autovacuum gives way).
ALTER TABLE ${flyway:defaultSchema}.jobs SET (
    vacuum_index_cleanup = on,
    autovacuum_vacuum_scale_factor = 0.002
);
