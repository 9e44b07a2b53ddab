-- When the earliest slot of any schedule falls due (null: no schedule is active), and now.
SELECT min(next_run) AS next_run, coalesce(CAST(:now AS timestamptz), now()) AS db_now
  FROM {schema}.schedules
 WHERE NOT paused
