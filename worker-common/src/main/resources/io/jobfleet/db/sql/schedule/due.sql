-- Schedules with a slot due at :now (null: the transaction's now()), earliest first, with that
-- now: the runner plans slots on the database's clock, the one clock every process shares.
SELECT s.name, s.cron, s.time_zone, s.queue, s.kind, s.payload::text AS payload, s.priority, s.max_attempts,
       s.timeout_seconds, s.catch_up, s.catch_up_max, s.paused, s.next_run, s.last_slot, s.last_job_id,
       NULL AS last_job_status, NULL AS last_job_error,
       coalesce(CAST(:now AS timestamptz), now()) AS db_now
  FROM {schema}.schedules s
 WHERE NOT s.paused AND s.next_run <= coalesce(CAST(:now AS timestamptz), now())
 ORDER BY s.next_run
 LIMIT :limit
