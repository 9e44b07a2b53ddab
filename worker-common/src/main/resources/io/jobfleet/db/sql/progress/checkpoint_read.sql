SELECT CAST(value AS text) FROM {schema}.checkpoints WHERE job_id = :id AND name = :name
