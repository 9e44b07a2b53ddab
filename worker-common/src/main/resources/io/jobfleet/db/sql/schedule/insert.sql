-- Adds a schedule; nothing when the name is taken.
INSERT INTO {schema}.schedules (name, cron, time_zone, queue, kind, payload, priority, max_attempts,
                                timeout_seconds, catch_up, catch_up_max, next_run)
VALUES (:name, :cron, :timeZone, :queue, :kind, CAST(:payload AS jsonb), :priority, :maxAttempts,
        :timeoutSeconds, :catchUp, :catchUpMax, :nextRun)
ON CONFLICT (name) DO NOTHING
