DELETE FROM {schema}.schedules WHERE name = :name
