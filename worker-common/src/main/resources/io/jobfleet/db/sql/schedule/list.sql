-- Every schedule (or the one named), with the status and error of the last job it enqueued, and
-- the database's now (null :now) so that what is overdue is judged on the one clock all share.
SELECT s.name, s.cron, s.time_zone, s.queue, s.kind, s.payload::text AS payload, s.priority, s.max_attempts,
       s.timeout_seconds, s.catch_up, s.catch_up_max, s.paused, s.next_run, s.last_slot, s.last_job_id,
       j.status AS last_job_status, j.last_error AS last_job_error,
       coalesce(CAST(:now AS timestamptz), now()) AS db_now
  FROM {schema}.schedules s
  LEFT JOIN {schema}.jobs j ON j.id = s.last_job_id
 WHERE CAST(:name AS text) IS NULL OR s.name = CAST(:name AS text)
 ORDER BY s.name
