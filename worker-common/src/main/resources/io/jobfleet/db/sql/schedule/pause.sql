UPDATE {schema}.schedules SET paused = true, updated_at = now() WHERE name = :name
