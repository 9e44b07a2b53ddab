-- One job with every column as JSON, so the columns of later schema versions (progress,
-- traceparent) show when they exist and nothing fails when they do not.
SELECT pg_catalog.to_jsonb(j) AS job FROM {schema}.jobs j WHERE j.id = :id
