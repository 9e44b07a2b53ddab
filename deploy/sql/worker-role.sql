-- The least-privilege group roles of the worker processes.
--
--   jobfleet_worker_queue        the queue, which every worker needs: read and change job rows,
--                                call the two queue functions, read the migration history (a
--                                worker refuses to start on an older schema). LISTEN and
--                                pg_notify need no privilege.
--   jobfleet_worker_ai           one role per family: a member of jobfleet_worker_queue, plus
--   jobfleet_worker_documents    only its family's app tables, with UPDATE on only the columns
--   jobfleet_worker_collections  its handlers write (the columns of the family's mapping spec)
--   jobfleet_worker_messages
--   jobfleet_worker              every deployed family (a member of each family role): what the
--                                login roles of earlier releases are members of; they keep
--                                working as they are
--
-- All are group roles (NOLOGIN) that own nothing and may create nothing: the schema is created
-- and changed by `migrate`, which runs as a separate owner role (jobfleet_owner, or the app's
-- migration role). The app tables a worker reads and writes are checked before its first claim
-- against the family's mapping (`check` prints the same lines), privileges included.
--
-- Run it as a superuser, or as the owner of the jobfleet schema and of the app tables if it has
-- CREATEROLE (role-admin-check.sql says so when it has not), after
-- `migrate` and once the app tables exist. It is idempotent and converges: every run revokes
-- these roles' privileges on the objects listed here and grants exactly these, in one
-- transaction. Privileges granted on other objects by hand stay as they are.
--
--   psql "$OWNER_DATABASE_URL" -f deploy/sql/worker-role.sql
--
-- psql variables (-v name=value), with their defaults:
--   jobfleet_schema=jobfleet   JOBFLEET_SCHEMA of the workers
--   app_schema=public          JOBFLEET_APP_SCHEMA of the workers
--   ai=on documents=on collections=on messages=on
--                              the families deployed: the role and the tables of a family that
--                              is off are left alone (they need not exist), e.g. -v collections=off
--   documents_update_columns='^(requirement_.*|updated_at)$'
--   invoices_update_columns='^(status|vendor|invoice_number|issue_date|due_date|currency|subtotal|tax|total|line_items|validation_warnings|error_message|processed_at|updated_at)$'
--                              the columns of documents and invoices that the documents family
--                              may update, as regular expressions on column names (an app whose
--                              tables use other names maps them with --app-mapping)
--   app_tables=on              grant the family roles the reference app tables (and functions);
--                              off: an app whose tables have names of its own (--app-mapping)
--                              gets the roles and the queue only, and grants each family role
--                              what its mapping needs with `jobfleet FAMILY check --app-mapping
--                              FILE --print-grants jobfleet_worker_FAMILY | psql ...`; this
--                              script then leaves the app's schemas and tables alone
--   revoke_public_create=on    see public-schema.sql
--
-- Then make one login role per family a member of its family role (JOBFLEET_DB_USER), e.g.:
--   CREATE ROLE jobfleet_ai_login LOGIN PASSWORD '...' IN ROLE jobfleet_worker_ai;
-- A login role per family keeps the families' connections apart in pg_stat_activity, lets each
-- have its own CONNECTION LIMIT, and a compromised worker of one family cannot touch the
-- tables of another. A login role that is a member of jobfleet_worker may run any family.
-- Behind a transaction-mode pooler, also turn JIT off for it (docs/operations.md, "PostgreSQL's
-- JIT"; settings of a group role do not reach its members):
--   ALTER ROLE jobfleet_ai_login SET jit = off;

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
\if :{?documents}
\else
  \set documents on
\endif
\if :{?collections}
\else
  \set collections on
\endif
\if :{?messages}
\else
  \set messages on
\endif
\if :{?app_tables}
\else
  \set app_tables on
\endif
\if :{?documents_update_columns}
\else
  \set documents_update_columns '^(requirement_.*|updated_at)$'
\endif
\if :{?invoices_update_columns}
\else
  \set invoices_update_columns '^(status|vendor|invoice_number|issue_date|due_date|currency|subtotal|tax|total|line_items|validation_warnings|error_message|processed_at|updated_at)$'
\endif

BEGIN;
SET LOCAL client_min_messages = warning;  -- no notice for a membership that is there already

-- 0. The roles: group roles that never log in and own nothing.
SELECT format('CREATE ROLE %I NOLOGIN', r.name)
  FROM (VALUES ('jobfleet_worker_queue', true), ('jobfleet_worker', true),
               ('jobfleet_worker_ai', :'ai'::boolean),
               ('jobfleet_worker_documents', :'documents'::boolean),
               ('jobfleet_worker_collections', :'collections'::boolean),
               ('jobfleet_worker_messages', :'messages'::boolean)) AS r(name, wanted)
 WHERE r.wanted AND NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = r.name)
\gexec
\set group_roles '^jobfleet_worker(_queue|_ai|_documents|_collections|_messages)?$'
\ir role-attributes.sql

-- 1. Revoke what this script manages, so a re-run leaves exactly what follows. Earlier releases
-- granted everything to jobfleet_worker directly: that is revoked too (it now holds its
-- privileges through the roles it is a member of). A table-level REVOKE also revokes column
-- privileges.
REVOKE ALL ON DATABASE :"DBNAME" FROM jobfleet_worker, jobfleet_worker_queue;
REVOKE ALL ON SCHEMA :"jobfleet_schema" FROM jobfleet_worker, jobfleet_worker_queue;
REVOKE ALL ON :"jobfleet_schema".jobs, :"jobfleet_schema".flyway_schema_history,
    :"jobfleet_schema".schedules, :"jobfleet_schema".pauses, :"jobfleet_schema".limits,
    :"jobfleet_schema".key_limits, :"jobfleet_schema".rate_limits, :"jobfleet_schema".checkpoints,
    :"jobfleet_schema".workers
    FROM jobfleet_worker, jobfleet_worker_queue;
REVOKE ALL ON SEQUENCE :"jobfleet_schema".jobs_claim_token_seq FROM jobfleet_worker, jobfleet_worker_queue;
REVOKE ALL ON FUNCTION
    :"jobfleet_schema".enqueue(text, text, jsonb, integer, timestamptz, text, integer, integer, text, text),
    :"jobfleet_schema".cancel(bigint)
    FROM jobfleet_worker, jobfleet_worker_queue;
REVOKE ALL ON SCHEMA :"app_schema" FROM jobfleet_worker, jobfleet_worker_queue;
\if :ai
\if :app_tables
REVOKE ALL ON SCHEMA :"app_schema" FROM jobfleet_worker_ai;
REVOKE ALL ON :"app_schema".ai_token_budgets, :"app_schema".ai_usage_ledger
    FROM jobfleet_worker, jobfleet_worker_ai;
REVOKE ALL ON FUNCTION :"app_schema".ai_remaining_tokens(text, bigint),
    :"app_schema".ai_token_quota(text, bigint, timestamptz) FROM jobfleet_worker, jobfleet_worker_ai;
\endif
\endif
\if :documents
\if :app_tables
REVOKE ALL ON SCHEMA :"app_schema" FROM jobfleet_worker_documents;
REVOKE ALL ON :"app_schema".documents, :"app_schema".requirements, :"app_schema".invoices
    FROM jobfleet_worker, jobfleet_worker_documents;
\endif
\endif
\if :collections
\if :app_tables
REVOKE ALL ON SCHEMA :"app_schema" FROM jobfleet_worker_collections;
REVOKE ALL ON :"app_schema".study_collections, :"app_schema".collection_sources,
    :"app_schema".flashcards, :"app_schema".quiz_questions
    FROM jobfleet_worker, jobfleet_worker_collections;
\endif
\endif
\if :messages
\if :app_tables
REVOKE ALL ON SCHEMA :"app_schema" FROM jobfleet_worker_messages;
REVOKE ALL ON :"app_schema".incoming_messages, :"app_schema".outgoing_messages
    FROM jobfleet_worker, jobfleet_worker_messages;
\endif
\endif

-- 2. The queue. Functions are executable by PUBLIC by default: take that back, so that the
-- EXECUTE grants below (and those of app-role.sql) say who may call them.
GRANT CONNECT ON DATABASE :"DBNAME" TO jobfleet_worker_queue;
GRANT USAGE ON SCHEMA :"jobfleet_schema" TO jobfleet_worker_queue;
GRANT SELECT, INSERT, UPDATE, DELETE ON :"jobfleet_schema".jobs TO jobfleet_worker_queue;
GRANT SELECT ON :"jobfleet_schema".flyway_schema_history TO jobfleet_worker_queue;
-- Flow control (schema version 7): the claim reads the pauses and locks the caps it counts under.
GRANT SELECT ON :"jobfleet_schema".pauses TO jobfleet_worker_queue;
GRANT SELECT, UPDATE ON :"jobfleet_schema".limits TO jobfleet_worker_queue;
-- Keys and rates (V10): the claim locks the key rules it counts under and takes tokens from the
-- claim buckets; handlers and the LLM client take and settle tokens of the named ones. Setting
-- rules and buckets is the operator's. Locking a row (FOR UPDATE) needs UPDATE on one column:
-- set_at only, so a worker cannot change a rule (e.g. turn off a queue's ordering).
GRANT SELECT, UPDATE (set_at) ON :"jobfleet_schema".key_limits TO jobfleet_worker_queue;
-- A worker started with --llm-rpm / --llm-tpm defines its provider's buckets when absent (INSERT).
GRANT SELECT, INSERT, UPDATE (tokens, refilled_at) ON :"jobfleet_schema".rate_limits TO jobfleet_worker_queue;
REVOKE EXECUTE ON FUNCTION
    :"jobfleet_schema".enqueue(text, text, jsonb, integer, timestamptz, text, integer, integer, text, text),
    :"jobfleet_schema".cancel(bigint)
    FROM PUBLIC;
GRANT EXECUTE ON FUNCTION
    :"jobfleet_schema".enqueue(text, text, jsonb, integer, timestamptz, text, integer, integer, text, text),
    :"jobfleet_schema".cancel(bigint)
    TO jobfleet_worker_queue;
-- jobs.id is an identity column: inserting needs no privilege on its sequence. Every claim draws
-- a claim token (V6).
GRANT USAGE ON SEQUENCE :"jobfleet_schema".jobs_claim_token_seq TO jobfleet_worker_queue;
--
-- Schedules (V8): every worker enqueues the due slots of any schedule, advancing the schedule
-- row in the same transaction; adding and removing schedules is the operator's.
GRANT SELECT, UPDATE (next_run, last_slot, last_job_id, updated_at)
    ON :"jobfleet_schema".schedules TO jobfleet_worker_queue;
-- Progress and checkpoints (V11): progress is a column of jobs (UPDATE above); an attempt saves,
-- replaces and reads its job's checkpoints, and the completing statement deletes them.
GRANT SELECT, INSERT, UPDATE, DELETE ON :"jobfleet_schema".checkpoints TO jobfleet_worker_queue;
--
-- The worker registry (V12): each worker upserts its own row once per heartbeat period and
-- deletes it at a graceful stop.
GRANT SELECT, INSERT, UPDATE (held, seen_at), DELETE ON :"jobfleet_schema".workers TO jobfleet_worker_queue;
-- >>> Migration V7 (flow control: pauses, limits) adds objects the workers use: their REVOKE
-- >>> (step 1) and GRANT (here, to jobfleet_worker_queue) belong here.

GRANT jobfleet_worker_queue TO jobfleet_worker;

-- 3. The app tables of each family: its role, a member of the queue role, and a member of
-- jobfleet_worker. The UPDATE grants name the columns of the family's mapping spec
-- (DocumentsMapping, CollectionsMapping, AiMapping) that its handlers write.
\if :ai
-- ai.generate: reserves tokens of the user's quota (a ledger row), settles it to the usage.
GRANT jobfleet_worker_queue TO jobfleet_worker_ai;
\if :app_tables
GRANT USAGE ON SCHEMA :"app_schema" TO jobfleet_worker_ai;
GRANT SELECT ON :"app_schema".ai_token_budgets TO jobfleet_worker_ai;
GRANT SELECT, INSERT ON :"app_schema".ai_usage_ledger TO jobfleet_worker_ai;
GRANT UPDATE (model, prompt_tokens, completion_tokens, total_tokens, state, settled_at)
    ON :"app_schema".ai_usage_ledger TO jobfleet_worker_ai;
GRANT EXECUTE ON FUNCTION :"app_schema".ai_remaining_tokens(text, bigint),
    :"app_schema".ai_token_quota(text, bigint, timestamptz) TO jobfleet_worker_ai;
\endif
GRANT jobfleet_worker_ai TO jobfleet_worker;
\endif
\if :documents
-- document.extract_requirements: reads the document, replaces its requirements, sets its
-- status columns only. invoice.process: reads the invoice's file, writes the extracted fields
-- and its status columns.
GRANT jobfleet_worker_queue TO jobfleet_worker_documents;
\if :app_tables
GRANT USAGE ON SCHEMA :"app_schema" TO jobfleet_worker_documents;
GRANT SELECT ON :"app_schema".documents, :"app_schema".invoices TO jobfleet_worker_documents;
SELECT CASE WHEN count(a.attname) = 0
            THEN format('DO $e$ BEGIN RAISE EXCEPTION ''%%'', %L; END $e$',
                        format('no column of %s matches %s_update_columns %s', t.rel, g.tbl, g.pattern))
            ELSE format('GRANT UPDATE (%s) ON %s TO jobfleet_worker_documents',
                        string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum), t.rel)
       END
  FROM (VALUES ('documents', :'documents_update_columns'),
               ('invoices', :'invoices_update_columns')) AS g(tbl, pattern)
 CROSS JOIN LATERAL (SELECT format('%I.%I', :'app_schema', g.tbl)::regclass AS rel) t
  LEFT JOIN pg_catalog.pg_attribute a
         ON a.attrelid = t.rel AND a.attnum > 0 AND NOT a.attisdropped AND a.attname ~ g.pattern
 GROUP BY g.tbl, g.pattern, t.rel
\gexec
GRANT SELECT, INSERT, DELETE ON :"app_schema".requirements TO jobfleet_worker_documents;
\endif
GRANT jobfleet_worker_documents TO jobfleet_worker;
\endif
\if :collections
-- collection.generate: reads the collection and its sources (pasted text or a document's bytes
-- or location on the source row), replaces its flashcards and quiz, sets the collection's
-- status, counts and error.
GRANT jobfleet_worker_queue TO jobfleet_worker_collections;
\if :app_tables
GRANT USAGE ON SCHEMA :"app_schema" TO jobfleet_worker_collections;
GRANT SELECT ON :"app_schema".study_collections, :"app_schema".collection_sources
    TO jobfleet_worker_collections;
GRANT UPDATE (status, flashcard_count, question_count, error_message, generated_at, updated_at)
    ON :"app_schema".study_collections TO jobfleet_worker_collections;
GRANT SELECT, INSERT, DELETE ON :"app_schema".flashcards, :"app_schema".quiz_questions
    TO jobfleet_worker_collections;
\endif
GRANT jobfleet_worker_collections TO jobfleet_worker;
\endif
\if :messages
-- message.reply: reads the incoming message and its conversation (both tables), sets its status,
-- inserts the reply; message.send: reads it, sets its status, provider id and error. The ordered
-- key rules of queue messages are set once by the owner (key_limits is read-only here).
GRANT jobfleet_worker_queue TO jobfleet_worker_messages;
\if :app_tables
GRANT USAGE ON SCHEMA :"app_schema" TO jobfleet_worker_messages;
GRANT SELECT ON :"app_schema".incoming_messages, :"app_schema".outgoing_messages TO jobfleet_worker_messages;
GRANT UPDATE (status, attempts, error, processing_id, processed_at, updated_at)
    ON :"app_schema".incoming_messages TO jobfleet_worker_messages;
GRANT INSERT (conversation_id, in_reply_to, recipient, body, status, idempotency_key),
      UPDATE (status, provider_message_id, attempts, error, processing_id, sent_at, updated_at)
    ON :"app_schema".outgoing_messages TO jobfleet_worker_messages;
\endif
GRANT jobfleet_worker_messages TO jobfleet_worker;
\endif
\if :app_tables

-- Tables a family inserts into whose ids come from a serial column (not an identity) need
-- USAGE on that sequence: revoked from the roles, then granted to the family role that inserts.
SELECT format('REVOKE ALL ON SEQUENCE %s FROM jobfleet_worker, %I', d.objid::regclass, f.role),
       CASE WHEN has_table_privilege(f.role, d.refobjid, 'INSERT')
            THEN format('GRANT USAGE ON SEQUENCE %s TO %I', d.objid::regclass, f.role) END
  FROM (VALUES ('jobfleet_worker_ai', 'ai_usage_ledger', :'ai'::boolean),
               ('jobfleet_worker_documents', 'requirements', :'documents'::boolean),
               ('jobfleet_worker_collections', 'flashcards', :'collections'::boolean),
               ('jobfleet_worker_collections', 'quiz_questions', :'collections'::boolean))
       AS f(role, tbl, wanted)
  JOIN pg_catalog.pg_class c
    ON c.relname = f.tbl
   AND c.relnamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = :'app_schema')
  JOIN pg_catalog.pg_depend d
    ON d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass
   AND d.deptype = 'a' AND d.refobjid = c.oid
  JOIN pg_catalog.pg_class s ON s.oid = d.objid AND s.relkind = 'S'
 WHERE f.wanted
\gexec
\endif

-- 4. No one else may create objects where the workers look names up.
\ir public-schema.sql

COMMIT;
