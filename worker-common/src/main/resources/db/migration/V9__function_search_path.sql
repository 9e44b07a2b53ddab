-- jobfleet schema, version 9: every jobfleet function runs with a fixed search_path.
--
-- A plpgsql or SQL function body is parsed when it runs, with the search_path of the session that
-- calls it: the web app's for enqueue, cancel and the insert trigger, an operator's for a bridge
-- backfill. A function or operator created in a schema on that path could then stand in for a
-- built-in one the body uses: an exact argument-type match beats pg_catalog's (the trigger's
-- `TG_TABLE_SCHEMA || '.jobs'` concatenates a name, for which pg_catalog has no exact operator).
-- With search_path = pg_catalog, pg_temp the bodies see only the built-ins (their tables are
-- schema-qualified already); pg_temp last, so that no temporary object comes first.
-- Nothing else changes: the bodies, privileges and owners stay as they are.
ALTER FUNCTION ${flyway:defaultSchema}.notify_jobs_inserted()
    SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION ${flyway:defaultSchema}.enqueue(text, text, jsonb, integer, timestamptz, text, integer, integer)
    SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION ${flyway:defaultSchema}.cancel(bigint)
    SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION ${flyway:defaultSchema}.bridge_rename_keys(jsonb, jsonb)
    SET search_path = pg_catalog, pg_temp;
