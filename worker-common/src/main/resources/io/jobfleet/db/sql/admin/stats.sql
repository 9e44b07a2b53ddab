-- Per queue: jobs by status, the lag of the oldest due pending job, and what finished within the
-- window (count, failures, average and p95 duration of the last attempt of completed jobs).
-- Failed jobs carry completed_at too, so the failure rate is failed / (completed + failed).
-- Running jobs that reported progress (V11): how many, and their mean done / total.
-- With :byKind, one row per queue and kind (the console's overview) instead of per queue.
WITH since AS (SELECT now() - pg_catalog.make_interval(secs => CAST(:windowSeconds AS float8)) AS at)
SELECT j.queue, CASE WHEN CAST(:byKind AS boolean) THEN j.kind END AS kind,
       count(*) FILTER (WHERE j.status = 'pending' AND j.scheduled_at <= now()) AS due,
       count(*) FILTER (WHERE j.status = 'pending' AND j.scheduled_at > now())  AS scheduled,
       count(*) FILTER (WHERE j.status = 'running')                             AS running,
       count(*) FILTER (WHERE j.status = 'running' AND j.progress IS NOT NULL)  AS running_with_progress,
       (avg(least(1.0, CAST(j.progress ->> 'done' AS float8) / nullif(CAST(j.progress ->> 'total' AS float8), 0)))
               FILTER (WHERE j.status = 'running' AND j.progress IS NOT NULL))::float8 AS mean_progress,
       count(*) FILTER (WHERE j.status = 'completed')                           AS completed,
       count(*) FILTER (WHERE j.status = 'failed')                              AS failed,
       count(*) FILTER (WHERE j.status = 'cancelled')                           AS cancelled,
       extract(epoch FROM now() - (min(j.scheduled_at)
               FILTER (WHERE j.status = 'pending' AND j.scheduled_at <= now())))::float8 AS lag_seconds,
       count(*) FILTER (WHERE j.status = 'completed' AND j.completed_at >= s.at) AS completed_in_window,
       count(*) FILTER (WHERE j.status = 'failed' AND j.completed_at >= s.at)    AS failed_in_window,
       (avg(extract(epoch FROM j.completed_at - j.started_at)::float8)
               FILTER (WHERE j.status = 'completed' AND j.completed_at >= s.at))::float8 AS avg_seconds,
       (pg_catalog.percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM j.completed_at - j.started_at)::float8)
               FILTER (WHERE j.status = 'completed' AND j.completed_at >= s.at))::float8 AS p95_seconds
  FROM {schema}.jobs j
 CROSS JOIN since s
 WHERE CAST(:queue AS text) IS NULL OR j.queue = :queue
 GROUP BY 1, 2
 ORDER BY j.queue, 2
