SELECT pg_catalog.pg_notify(CAST(:channel AS text), CAST(:queue AS text))
