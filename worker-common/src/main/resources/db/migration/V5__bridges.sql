-- jobfleet schema, version 5: bridges from the app's own queue tables (docs/bridges.md).
--
-- A bridge (installed by `jobfleet bridge install`) enqueues a job for each new pending row of an
-- app's queue table and mirrors every state change of that job back onto the row. The job keeps
-- the bridge's name and the source row's id. Both columns are nullable without a default, so adding
-- them rewrites nothing, and unbridged jobs (bridge IS NULL) stay out of the index below.
ALTER TABLE ${flyway:defaultSchema}.jobs
    ADD COLUMN bridge    text,
    ADD COLUMN source_id text;

-- The app cancels by source row; backfill and status look jobs up by source row.
CREATE INDEX jobs_bridge_source_idx ON ${flyway:defaultSchema}.jobs (bridge, source_id)
    WHERE bridge IS NOT NULL;

-- One row per installed bridge: its configuration as given, and the SQL that installed it and the
-- SQL that removes it (so `bridge remove` drops exactly what was created, whatever build runs it).
CREATE TABLE ${flyway:defaultSchema}.bridges (
    name          text        PRIMARY KEY CHECK (name ~ '^[a-z][a-z0-9_]{0,39}$'),
    source_table  text        NOT NULL,
    config        jsonb       NOT NULL,
    install_sql   text        NOT NULL,
    remove_sql    text        NOT NULL,
    installed_at  timestamptz NOT NULL DEFAULT now(),
    installed_by  text        NOT NULL DEFAULT current_user
);

COMMENT ON TABLE ${flyway:defaultSchema}.bridges IS 'jobfleet: bridges from app queue tables (docs/bridges.md)';

-- The app's payload with keys renamed ({"documentId": "document_id"}); a payload that is not an
-- object is passed on as it is (its job then fails with a readable error, the app's insert never does).
CREATE FUNCTION ${flyway:defaultSchema}.bridge_rename_keys(p_payload jsonb, p_renames jsonb) RETURNS jsonb
    LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE
        WHEN p_payload IS NULL THEN '{}'::jsonb
        WHEN jsonb_typeof(p_payload) <> 'object' THEN p_payload
        ELSE coalesce((SELECT jsonb_object_agg(coalesce(p_renames ->> e.key, e.key), e.value)
                         FROM jsonb_each(p_payload) AS e), '{}'::jsonb)
    END
$$;
