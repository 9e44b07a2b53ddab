-- The depth and lag of one queue, for the gauges of its workers: one cheap statement on the
-- partial claim index (pending) and lease index (running jobs, all of which a worker holds under
-- a lease).
SELECT count(*) FILTER (WHERE status = 'pending' AND scheduled_at <= now()) AS due,
       count(*) FILTER (WHERE status = 'pending' AND scheduled_at > now())  AS scheduled,
       count(*) FILTER (WHERE status = 'running')                           AS running,
       coalesce(extract(epoch FROM now() - (min(scheduled_at)
               FILTER (WHERE status = 'pending' AND scheduled_at <= now())))::float8, 0) AS lag_seconds
  FROM {schema}.jobs
 WHERE queue = :queue
   AND (status = 'pending' OR status = 'running' AND lease_until IS NOT NULL)
