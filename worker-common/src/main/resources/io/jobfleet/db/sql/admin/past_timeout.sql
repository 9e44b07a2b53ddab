-- Running jobs past their timeout: the watchdog of a live worker interrupts them, so these
-- belong to a worker that is gone or stuck.
SELECT id, queue, kind, attempts, max_attempts, locked_by, lease_until, started_at, timeout_seconds,
       extract(epoch FROM now() - (started_at + pg_catalog.make_interval(secs => CAST(timeout_seconds AS float8))))::float8 AS overdue_seconds,
       count(*) OVER () AS total
  FROM {schema}.jobs
 WHERE status = 'running'
   AND started_at + pg_catalog.make_interval(secs => CAST(timeout_seconds AS float8)) < now()
   AND (CAST(:queue AS text) IS NULL OR queue = :queue)
 ORDER BY started_at, id
 LIMIT :limit
