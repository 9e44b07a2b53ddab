-- jobfleet_monitor: read-only access to queue depth, for autoscalers (the KEDA postgresql
-- trigger in deploy/k8s) and dashboards. It sees which queue a job is in, its status and when
-- it is due: no payloads, results or errors.
--
-- Run it as a superuser, or as the owner of the jobfleet schema if it has CREATEROLE,
-- after `migrate`; then make a
-- login role a member:  CREATE ROLE keda_jobfleet LOGIN PASSWORD '...' IN ROLE jobfleet_monitor;
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
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'jobfleet_monitor') THEN
        CREATE ROLE jobfleet_monitor NOLOGIN;
    END IF;
END
$$;
\set group_roles '^jobfleet_monitor$'
\ir role-attributes.sql

REVOKE ALL ON SCHEMA :"jobfleet_schema" FROM jobfleet_monitor;
REVOKE ALL ON :"jobfleet_schema".jobs, :"jobfleet_schema".pauses, :"jobfleet_schema".limits FROM jobfleet_monitor;

GRANT CONNECT ON DATABASE :"DBNAME" TO jobfleet_monitor;
GRANT USAGE ON SCHEMA :"jobfleet_schema" TO jobfleet_monitor;
GRANT SELECT (id, queue, kind, status, priority, attempts, max_attempts, scheduled_at,
              lease_until, created_at, updated_at, started_at, completed_at)
    ON :"jobfleet_schema".jobs TO jobfleet_monitor;
-- Flow control (schema version 7): the KEDA queries leave paused jobs out and stop at a cap.
GRANT SELECT ON :"jobfleet_schema".pauses, :"jobfleet_schema".limits TO jobfleet_monitor;

-- No one else may create objects where these roles look names up (public-schema.sql).
\ir public-schema.sql

COMMIT;
