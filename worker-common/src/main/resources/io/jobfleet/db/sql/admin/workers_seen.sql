-- Worker processes seen: holders of running jobs, and workers that finished jobs in the window.
-- last_seen is the newest updated_at of their rows (a heartbeat moves lease_until only).
SELECT locked_by                                                   AS worker,
       max(updated_at)                                             AS last_seen,
       count(*) FILTER (WHERE status = 'running')                  AS running,
       count(*) FILTER (WHERE status = 'running' AND lease_until >= now()) AS live_leases,
       count(*) FILTER (WHERE status <> 'running')                 AS finished,
       pg_catalog.array_agg(DISTINCT queue ORDER BY queue)                    AS queues
  FROM {schema}.jobs
 WHERE locked_by IS NOT NULL
   AND (status = 'running'
        OR status IN ('completed', 'failed') AND completed_at >= now() - pg_catalog.make_interval(secs => CAST(:windowSeconds AS float8)))
   AND (CAST(:queue AS text) IS NULL OR queue = :queue)
 GROUP BY locked_by
 ORDER BY last_seen DESC, worker
