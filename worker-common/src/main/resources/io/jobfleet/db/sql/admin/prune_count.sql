SELECT count(*)
  FROM {schema}.jobs
 WHERE status IN ('completed', 'failed', 'cancelled')
   AND status = ANY (CAST(:statuses AS text[]))
   AND completed_at < now() - make_interval(secs => :olderThanSeconds)
