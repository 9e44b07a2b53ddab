SELECT count(*)
  FROM {schema}.jobs
 WHERE status = 'failed'
   AND (CAST(:queue AS text) IS NULL OR queue = :queue)
   AND (CAST(:kind AS text) IS NULL OR kind = :kind)
   AND (CAST(:errorClass AS text) IS NULL OR errors -> -1 ->> 'class' = :errorClass)
   AND (CAST(:sinceSeconds AS float8) <= 0 OR completed_at >= now() - pg_catalog.make_interval(secs => CAST(:sinceSeconds AS float8)))
