-- jobfleet_console: the operator web console (`jobfleet console`, docs/console.md). It reads the
-- whole queue (payloads included: the console masks secret fields and hides payloads from its
-- viewers itself), and changes jobs only as the operator commands do: retry, cancel, unlock,
-- pause and resume, bulk retry. It writes the audit of those actions and prunes the registry
-- rows of workers that are gone. It cannot delete jobs, change schedules or caps, or the schema.
--
-- Run it as a superuser, or as the owner of the jobfleet schema if it has CREATEROLE,
-- after `migrate`; then make a
-- login role a member:  CREATE ROLE console_login LOGIN PASSWORD '...' IN ROLE jobfleet_console;
-- Idempotent and converging, like worker-role.sql.
--
-- psql variables (-v name=value), with their defaults:
--   jobfleet_schema=jobfleet   JOBFLEET_SCHEMA of the workers
--   revoke_public_create=on    see public-schema.sql

\set ON_ERROR_STOP on
\ir role-admin-check.sql
\if :{?jobfleet_schema}
\else
  \set jobfleet_schema jobfleet
\endif

BEGIN;

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'jobfleet_console') THEN
        CREATE ROLE jobfleet_console NOLOGIN;
    END IF;
END
$$;
\set group_roles '^jobfleet_console$'
\ir role-attributes.sql

REVOKE ALL ON SCHEMA :"jobfleet_schema" FROM jobfleet_console;
REVOKE ALL ON :"jobfleet_schema".jobs, :"jobfleet_schema".pauses, :"jobfleet_schema".limits,
    :"jobfleet_schema".key_limits, :"jobfleet_schema".rate_limits, :"jobfleet_schema".schedules, :"jobfleet_schema".workers, :"jobfleet_schema".audit,
    :"jobfleet_schema".flyway_schema_history
    FROM jobfleet_console;
REVOKE ALL ON FUNCTION :"jobfleet_schema".cancel(bigint) FROM jobfleet_console;

GRANT CONNECT ON DATABASE :"DBNAME" TO jobfleet_console;
GRANT USAGE ON SCHEMA :"jobfleet_schema" TO jobfleet_console;
-- The console refuses to start on an older schema, like every jobfleet command.
GRANT SELECT ON :"jobfleet_schema".flyway_schema_history TO jobfleet_console;
-- Retry, unlock and bulk retry change these columns of a job; cancel goes through jobfleet.cancel.
GRANT SELECT, UPDATE (status, attempts, scheduled_at, result, locked_by, lease_until, started_at,
                      completed_at, updated_at, last_error, errors, failure_writes_pending)
    ON :"jobfleet_schema".jobs TO jobfleet_console;
GRANT EXECUTE ON FUNCTION :"jobfleet_schema".cancel(bigint) TO jobfleet_console;
GRANT SELECT, INSERT, UPDATE, DELETE ON :"jobfleet_schema".pauses TO jobfleet_console;
-- Caps, key rules and rates (V7, V10) are shown, not changed.
GRANT SELECT ON :"jobfleet_schema".limits, :"jobfleet_schema".key_limits, :"jobfleet_schema".rate_limits,
    :"jobfleet_schema".schedules TO jobfleet_console;
GRANT SELECT, DELETE ON :"jobfleet_schema".workers TO jobfleet_console;
-- The audit is append-only for the console: it cannot rewrite what was done.
GRANT SELECT, INSERT ON :"jobfleet_schema".audit TO jobfleet_console;

-- No one else may create objects where these roles look names up (public-schema.sql).
\ir public-schema.sql

COMMIT;
