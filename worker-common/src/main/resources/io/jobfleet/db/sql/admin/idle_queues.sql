-- Queues with due jobs waiting longer than :staleSeconds and no worker activity in the window:
-- nothing running with a live lease and nothing started since. No worker of that family runs,
-- or all of them have paused claiming.
WITH waiting AS (
    SELECT queue, count(*) AS due,
           extract(epoch FROM now() - min(scheduled_at))::float8 AS lag_seconds
      FROM {schema}.jobs
     WHERE status = 'pending'
       AND scheduled_at <= now()
       AND (CAST(:queue AS text) IS NULL OR queue = :queue)
     GROUP BY queue
)
SELECT w.queue, w.due, w.lag_seconds
  FROM waiting w
 WHERE w.lag_seconds > :staleSeconds
   AND NOT EXISTS (
       SELECT 1
         FROM {schema}.jobs a
        WHERE a.queue = w.queue
          AND (a.status = 'running' AND a.lease_until >= now()
               OR a.started_at >= now() - pg_catalog.make_interval(secs => CAST(:windowSeconds AS float8))))
 ORDER BY w.queue
