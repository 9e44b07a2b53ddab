-- Unresolved failures whose last failed attempt falls in the window, by queue and error class
-- (the class of the last entry of errors): jobs that ended failed and jobs waiting for a retry.
-- One example (the newest) per group.
SELECT queue,
       coalesce(errors -> -1 ->> 'class', 'unknown') AS error_class,
       count(*)                                        AS jobs,
       count(*) FILTER (WHERE status = 'failed')       AS failed,
       count(*) FILTER (WHERE status <> 'failed')      AS retrying,
       (pg_catalog.array_agg(id ORDER BY updated_at DESC, id DESC))[1] AS example_id,
       (pg_catalog.array_agg(coalesce(errors -> -1 ->> 'message', last_error) ORDER BY updated_at DESC, id DESC))[1] AS example,
       max(updated_at)                                 AS last_at
  FROM {schema}.jobs
 WHERE status IN ('failed', 'pending', 'running')
   AND jsonb_array_length(errors) > 0
   AND coalesce(CAST(errors -> -1 ->> 'at' AS timestamptz), updated_at)
       >= now() - pg_catalog.make_interval(secs => CAST(:windowSeconds AS float8))
   AND (CAST(:queue AS text) IS NULL OR queue = :queue)
 GROUP BY 1, 2
 ORDER BY jobs DESC, queue, error_class
