-- jobfleet_worker: the least-privilege group role of the worker processes.
--
-- The workers need no ownership and no CREATE anywhere: the schema is created and changed by
-- `migrate`, which runs as a separate owner role (jobfleet_owner, or the app's migration role).
-- This role may read and change job rows, call the two queue functions, read the migration
-- history (a worker refuses to start on an older schema) and touch exactly the app tables its
-- handlers use. LISTEN and pg_notify need no privilege.
--
-- Run it as the owner of the jobfleet schema and of the app tables (or a superuser), after
-- `migrate` and once the app tables exist. It is idempotent and converges: every run revokes
-- this role's privileges on the objects listed here and grants exactly these, in one
-- transaction. Privileges granted on other objects by hand stay as they are.
--
--   psql "$OWNER_DATABASE_URL" -f deploy/sql/worker-role.sql
--
-- psql variables (-v name=value), with their defaults:
--   jobfleet_schema=jobfleet   JOBFLEET_SCHEMA of the workers
--   app_schema=public          JOBFLEET_APP_SCHEMA of the workers
--   ai=on documents=on collections=on
--                              the families deployed: the tables of a family that is off
--                              are left alone (they need not exist), e.g. -v collections=off
--   documents_update_columns='^(requirement_.*|updated_at)$'
--                              the columns of documents that the documents family may update
--                              (its status columns), as a regular expression on column names
--
-- Then make a login role for the processes a member (JOBFLEET_DB_USER), e.g.:
--   CREATE ROLE jobfleet_worker_login LOGIN PASSWORD '...' IN ROLE jobfleet_worker;
-- or, for an existing login role:
--   GRANT jobfleet_worker TO worker_login_role;
-- One login role per family (each a member) keeps the families' connections apart in
-- pg_stat_activity and lets each have its own CONNECTION LIMIT.

\set ON_ERROR_STOP on
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
\if :{?documents}
\else
  \set documents on
\endif
\if :{?collections}
\else
  \set collections on
\endif
\if :{?documents_update_columns}
\else
  \set documents_update_columns '^(requirement_.*|updated_at)$'
\endif

BEGIN;

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'jobfleet_worker') THEN
        CREATE ROLE jobfleet_worker NOLOGIN;
    END IF;
END
$$;
-- A group role: it never logs in, and owns nothing.
ALTER ROLE jobfleet_worker NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;

-- 1. Revoke what this script manages, so a re-run leaves exactly what follows.
REVOKE ALL ON SCHEMA :"jobfleet_schema" FROM jobfleet_worker;
REVOKE ALL ON :"jobfleet_schema".jobs, :"jobfleet_schema".flyway_schema_history FROM jobfleet_worker;
REVOKE ALL ON FUNCTION
    :"jobfleet_schema".enqueue(text, text, jsonb, integer, timestamptz, text, integer, integer),
    :"jobfleet_schema".cancel(bigint)
    FROM jobfleet_worker;
\if :ai
REVOKE ALL ON :"app_schema".ai_token_budgets, :"app_schema".ai_usage_ledger FROM jobfleet_worker;
REVOKE ALL ON FUNCTION :"app_schema".ai_remaining_tokens(text, bigint),
    :"app_schema".ai_token_quota(text, bigint, timestamptz) FROM jobfleet_worker;
\endif
\if :documents
REVOKE ALL ON :"app_schema".documents, :"app_schema".requirements, :"app_schema".invoices
    FROM jobfleet_worker;
\endif
\if :collections
REVOKE ALL ON :"app_schema".study_collections, :"app_schema".collection_sources,
    :"app_schema".flashcards, :"app_schema".quiz_questions
    FROM jobfleet_worker;
\endif

-- 2. The queue. Functions are executable by PUBLIC by default: take that back, so that the
-- EXECUTE grants below (and those of app-role.sql) say who may call them.
GRANT CONNECT ON DATABASE :"DBNAME" TO jobfleet_worker;
GRANT USAGE ON SCHEMA :"jobfleet_schema" TO jobfleet_worker;
GRANT SELECT, INSERT, UPDATE, DELETE ON :"jobfleet_schema".jobs TO jobfleet_worker;
GRANT SELECT ON :"jobfleet_schema".flyway_schema_history TO jobfleet_worker;
-- Flow control (schema version 7): the claim reads the pauses and locks the caps it counts under.
GRANT SELECT ON :"jobfleet_schema".pauses TO jobfleet_worker;
GRANT SELECT, UPDATE ON :"jobfleet_schema".limits TO jobfleet_worker;
REVOKE EXECUTE ON FUNCTION
    :"jobfleet_schema".enqueue(text, text, jsonb, integer, timestamptz, text, integer, integer),
    :"jobfleet_schema".cancel(bigint)
    FROM PUBLIC;
GRANT EXECUTE ON FUNCTION
    :"jobfleet_schema".enqueue(text, text, jsonb, integer, timestamptz, text, integer, integer),
    :"jobfleet_schema".cancel(bigint)
    TO jobfleet_worker;
-- jobs.id is an identity column: inserting needs no privilege on its sequence.

-- 3. The app tables each family's handlers read and write.
GRANT USAGE ON SCHEMA :"app_schema" TO jobfleet_worker;
\if :ai
-- ai.generate: reserves tokens of the user's quota (a ledger row), settles it to the usage.
GRANT SELECT ON :"app_schema".ai_token_budgets TO jobfleet_worker;
GRANT SELECT, INSERT ON :"app_schema".ai_usage_ledger TO jobfleet_worker;
GRANT UPDATE (model, prompt_tokens, completion_tokens, total_tokens, state, settled_at)
    ON :"app_schema".ai_usage_ledger TO jobfleet_worker;
GRANT EXECUTE ON FUNCTION :"app_schema".ai_remaining_tokens(text, bigint),
    :"app_schema".ai_token_quota(text, bigint, timestamptz) TO jobfleet_worker;
\endif
\if :documents
-- document.extract_requirements: reads the document, replaces its requirements, sets its
-- status columns only. invoice.process: fills the invoice row.
GRANT SELECT ON :"app_schema".documents TO jobfleet_worker;
SELECT CASE WHEN count(a.attname) = 0
            THEN format('DO $e$ BEGIN RAISE EXCEPTION ''%%'', %L; END $e$',
                        format('no column of %s matches documents_update_columns %s',
                               t.rel, :'documents_update_columns'))
            ELSE format('GRANT UPDATE (%s) ON %s TO jobfleet_worker',
                        string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum), t.rel)
       END
  FROM (SELECT format('%I.%I', :'app_schema', 'documents')::regclass AS rel) t
  LEFT JOIN pg_attribute a
         ON a.attrelid = t.rel AND a.attnum > 0 AND NOT a.attisdropped
        AND a.attname ~ :'documents_update_columns'
 GROUP BY t.rel
\gexec
GRANT SELECT, INSERT, DELETE ON :"app_schema".requirements TO jobfleet_worker;
GRANT SELECT, UPDATE ON :"app_schema".invoices TO jobfleet_worker;
\endif
\if :collections
-- collection.generate: reads the collection and its sources (pasted text or a document's bytes
-- or location on the source row), replaces its flashcards and quiz, sets the collection ready or
-- failed.
GRANT SELECT, UPDATE ON :"app_schema".study_collections TO jobfleet_worker;
GRANT SELECT ON :"app_schema".collection_sources TO jobfleet_worker;
GRANT SELECT, INSERT, DELETE ON :"app_schema".flashcards, :"app_schema".quiz_questions
    TO jobfleet_worker;
\endif

-- Tables the workers insert into whose ids come from a serial column (not an identity) need
-- USAGE on that sequence.
SELECT format('GRANT USAGE ON SEQUENCE %s TO jobfleet_worker', d.objid::regclass)
  FROM pg_depend d
  JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
 WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass
   AND d.deptype = 'a'
   AND d.refobjid IN (SELECT c.oid FROM pg_class c
                       WHERE c.relnamespace = (SELECT oid FROM pg_namespace
                                                WHERE nspname = :'app_schema')
                         AND c.relname IN ('ai_usage_ledger', 'requirements', 'flashcards',
                                           'quiz_questions'))
   AND has_table_privilege('jobfleet_worker', d.refobjid, 'INSERT')
\gexec

COMMIT;
