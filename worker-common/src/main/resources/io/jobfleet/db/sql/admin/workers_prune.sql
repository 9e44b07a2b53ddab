-- Rows of processes gone for longer than :afterSeconds (never refreshed since): they died.
DELETE FROM {schema}.workers w
 WHERE w.seen_at < now() - pg_catalog.make_interval(secs => CAST(:afterSeconds AS float8))
RETURNING w.worker_id
