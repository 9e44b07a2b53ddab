-- Running jobs whose lease ran out (or that have none), with the operator's filters. The dry run
-- and --execute run this same statement, so they see the same rows; SKIP LOCKED leaves out a
-- job a rescuer or a completion is changing right now.
SELECT id, queue, kind, attempts, max_attempts, locked_by, lease_until, started_at, timeout_seconds,
       extract(epoch FROM now() - coalesce(lease_until, started_at, updated_at))::float8 AS overdue_seconds,
       0::bigint AS total
  FROM {schema}.jobs
 WHERE status = 'running'
   AND (lease_until IS NULL OR lease_until < now())
   AND coalesce(lease_until, started_at, updated_at) <= now() - pg_catalog.make_interval(secs => CAST(:olderThanSeconds AS float8))
   AND (CAST(:queue AS text) IS NULL OR queue = :queue)
   AND (CAST(:kind AS text) IS NULL OR kind = :kind)
   AND (pg_catalog.cardinality(CAST(:ids AS bigint[])) = 0 OR id = ANY (CAST(:ids AS bigint[])))
 ORDER BY id
   FOR UPDATE SKIP LOCKED
