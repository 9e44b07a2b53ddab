-- jobfleet_app: what the web app needs to enqueue jobs, poll their status and cancel them.
--
-- Run it as a superuser, or as the owner of the jobfleet schema if it has CREATEROLE,
-- after `migrate`; the app's
-- login role then becomes a member:  GRANT jobfleet_app TO app_login_role;
-- Idempotent and converging, like worker-role.sql:
--
--   psql "$OWNER_DATABASE_URL" -f deploy/sql/app-role.sql
--
-- psql variables (-v name=value), with their defaults:
--   jobfleet_schema=jobfleet   JOBFLEET_SCHEMA of the workers
--   app_schema=public          JOBFLEET_APP_SCHEMA of the workers
--   ai=on                      grant the ai family's quota function (off: its tables need not exist)
--   revoke_public_create=on    see public-schema.sql
--
-- The app may enqueue with a plain INSERT or with jobfleet.enqueue(...), read the status
-- columns of any job, and cancel with jobfleet.cancel(id). It cannot read payloads or the error
-- history, nor claim, complete or delete jobs.
--
-- Both functions are SECURITY INVOKER: they run with the caller's privileges, so the caller
-- also needs the table privileges they use:
--   enqueue  INSERT on the enqueue columns, SELECT on id, queue, status, dedup_key
--            (the dedup lookup and RETURNING id)
--   cancel   UPDATE on status, completed_at, updated_at, lease_until, failure_writes_pending,
--            SELECT on id, queue, status, attempts
-- The UPDATE is the price of an invoker cancel: with it the app could also change the status
-- of a job by hand (fenced workers then drop their result, so no job runs twice).

\set ON_ERROR_STOP on
\ir role-admin-check.sql
\if :{?jobfleet_schema}
\else
  \set jobfleet_schema jobfleet
\endif
\if :{?app_schema}
\else
  \set app_schema public
\endif
\if :{?ai}
\else
  \set ai on
\endif

BEGIN;

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'jobfleet_app') THEN
        CREATE ROLE jobfleet_app NOLOGIN;
    END IF;
END
$$;
\set group_roles '^jobfleet_app$'
\ir role-attributes.sql

-- 1. Revoke what this script manages (a table-level REVOKE also revokes column privileges).
REVOKE ALL ON SCHEMA :"jobfleet_schema" FROM jobfleet_app;
REVOKE ALL ON :"jobfleet_schema".jobs FROM jobfleet_app;
REVOKE ALL ON FUNCTION
    :"jobfleet_schema".enqueue(text, text, jsonb, integer, timestamptz, text, integer, integer, text, text),
    :"jobfleet_schema".cancel(bigint)
    FROM jobfleet_app;
\if :ai
REVOKE ALL ON :"app_schema".ai_token_budgets, :"app_schema".ai_usage_ledger FROM jobfleet_app;
REVOKE ALL ON FUNCTION :"app_schema".ai_remaining_tokens(text, bigint),
    :"app_schema".ai_token_quota(text, bigint, timestamptz) FROM jobfleet_app;
\endif

-- 2. Enqueue, poll, cancel.
GRANT CONNECT ON DATABASE :"DBNAME" TO jobfleet_app;
GRANT USAGE ON SCHEMA :"jobfleet_schema" TO jobfleet_app;
GRANT INSERT (queue, kind, payload, priority, scheduled_at, dedup_key, max_attempts,
              timeout_seconds, max_snoozes, concurrency_key, traceparent)
    ON :"jobfleet_schema".jobs TO jobfleet_app;
GRANT SELECT (id, queue, kind, status, result, last_error, attempts, max_attempts, dedup_key,
              created_at, updated_at, completed_at, failure_writes_pending)
    ON :"jobfleet_schema".jobs TO jobfleet_app;
GRANT UPDATE (status, completed_at, updated_at, lease_until, failure_writes_pending)
    ON :"jobfleet_schema".jobs TO jobfleet_app;
-- Functions are executable by PUBLIC by default: only the granted roles may call these.
REVOKE EXECUTE ON FUNCTION
    :"jobfleet_schema".enqueue(text, text, jsonb, integer, timestamptz, text, integer, integer, text, text),
    :"jobfleet_schema".cancel(bigint)
    FROM PUBLIC;
GRANT EXECUTE ON FUNCTION
    :"jobfleet_schema".enqueue(text, text, jsonb, integer, timestamptz, text, integer, integer, text, text),
    :"jobfleet_schema".cancel(bigint)
    TO jobfleet_app;

-- 3. The ai family's quota, for showing a user what is left. ai_remaining_tokens is a
-- SECURITY INVOKER function too: it reads the budgets and the usage ledger.
\if :ai
GRANT USAGE ON SCHEMA :"app_schema" TO jobfleet_app;
GRANT EXECUTE ON FUNCTION :"app_schema".ai_remaining_tokens(text, bigint),
    :"app_schema".ai_token_quota(text, bigint, timestamptz) TO jobfleet_app;
GRANT SELECT ON :"app_schema".ai_token_budgets, :"app_schema".ai_usage_ledger TO jobfleet_app;
\endif

-- No one else may create objects where these roles look names up (public-schema.sql).
\ir public-schema.sql

COMMIT;
