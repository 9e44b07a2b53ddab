UPDATE {schema}.schedules SET last_job_id = :jobId WHERE name = :name
