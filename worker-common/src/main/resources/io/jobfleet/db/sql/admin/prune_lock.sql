-- Only one worker prunes at a time: a transaction-level advisory lock (works behind poolers in
-- transaction mode), keyed by the jobfleet schema. Others skip instead of waiting.
SELECT pg_catalog.pg_try_advisory_xact_lock(CAST(:lockClass AS integer), pg_catalog.hashtext(CAST(:lockName AS text)))
