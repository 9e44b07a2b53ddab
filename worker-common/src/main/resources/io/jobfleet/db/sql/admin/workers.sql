-- The registry, with the jobs each worker held at its last refresh. A row not refreshed for
-- :staleBeats heartbeat periods belongs to a process that is gone.
SELECT w.worker_id, w.host, w.pid, w.version, w.queue, w.kinds, w.concurrency, w.held,
       w.started_at, w.seen_at,
       w.seen_at < now() - pg_catalog.make_interval(secs => w.heartbeat_seconds * :staleBeats) AS gone
  FROM {schema}.workers w
 ORDER BY w.queue, w.host, w.pid
