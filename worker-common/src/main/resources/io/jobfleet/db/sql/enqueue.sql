-- The schema's own function, schema-qualified, every argument cast to its parameter's type: no
-- function of another schema on the search_path can be a better match (docs/security.md).
SELECT {schema}.enqueue(CAST(:queue AS text), CAST(:kind AS text), CAST(:payload AS jsonb),
                        CAST(:priority AS integer),
                        pg_catalog.now() + pg_catalog.make_interval(secs => CAST(:delaySeconds AS float8)),
                        CAST(:dedupKey AS text), CAST(:maxAttempts AS integer),
                        CAST(:timeoutSeconds AS integer), CAST(:concurrencyKey AS text),
                        CAST(:traceparent AS text))
