SELECT {schema}.cancel(CAST(:id AS bigint))
