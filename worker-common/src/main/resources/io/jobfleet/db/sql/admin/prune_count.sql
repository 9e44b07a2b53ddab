SELECT count(*)
  FROM {schema}.jobs
 WHERE status IN ('completed', 'failed', 'cancelled')
   AND status = ANY (CAST(:statuses AS text[]))
   AND completed_at < now() - pg_catalog.make_interval(secs => CAST(:olderThanSeconds AS float8))
