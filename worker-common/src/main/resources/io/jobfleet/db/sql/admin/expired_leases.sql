-- Running jobs whose lease ran out (or that have none): their worker died, hung or lost the
-- database. A live worker's rescuer takes them back within lease + rescue interval.
SELECT id, queue, kind, attempts, max_attempts, locked_by, lease_until, started_at, timeout_seconds,
       extract(epoch FROM now() - coalesce(lease_until, started_at, updated_at))::float8 AS overdue_seconds,
       count(*) OVER () AS total
  FROM {schema}.jobs
 WHERE status = 'running'
   AND (lease_until IS NULL OR lease_until < now())
   AND (CAST(:queue AS text) IS NULL OR queue = :queue)
 ORDER BY lease_until NULLS FIRST, id
 LIMIT :limit
