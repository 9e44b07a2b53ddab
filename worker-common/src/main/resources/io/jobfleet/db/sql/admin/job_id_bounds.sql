-- The id above the newest job, where the jobs list starts: one step down the primary key.
SELECT coalesce(max(id), 0) + 1 AS above FROM {schema}.jobs
