DELETE FROM {schema}.workers WHERE worker_id = :workerId
