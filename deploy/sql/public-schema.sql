-- Included by the role scripts (\ir): nobody but the owners may create objects in schema
-- public, nor in the app schema (JOBFLEET_APP_SCHEMA), where a role's unqualified names may be looked up.
--
-- Why: a role that may create in a schema on another role's search_path can hijack that role's
-- unqualified names. A function public.lower(varchar) is chosen over pg_catalog.lower(text) for a
-- varchar argument (an exact match beats an implicit cast, whatever the schema order), a table
-- public.documents shadows a table of the same name further down the path, an operator
-- public.=(text, varchar) catches `queue = $1`. The victim then runs the creator's code with its
-- own privileges. PostgreSQL up to 14 gives PUBLIC CREATE on schema public; 15 and later do not
-- (this is then a no-op). jobfleet also calls its own functions schema-qualified with explicit
-- argument casts and pins the search_path of its functions (docs/security.md).
--
-- psql variables: revoke_public_create=on (off: leave the schemas as they are, e.g. when the
-- app's migration role creates its tables in public without owning it: first
-- GRANT CREATE ON SCHEMA public TO that role, then run with it on).
-- Run by a role that does not own a schema, this only warns, with the statement to run.

\if :{?revoke_public_create}
\else
  \set revoke_public_create on
\endif
\if :{?app_schema}
\else
  \set app_schema public
\endif
\if :revoke_public_create
SELECT CASE WHEN pg_catalog.pg_has_role(current_user, n.nspowner, 'USAGE')
            THEN pg_catalog.format('REVOKE CREATE ON SCHEMA %I FROM PUBLIC', n.nspname)
            ELSE pg_catalog.format('DO $w$ BEGIN RAISE WARNING %L; END $w$',
                     pg_catalog.format('PUBLIC may create objects in schema %I: as its owner, run '
                                       'REVOKE CREATE ON SCHEMA %I FROM PUBLIC', n.nspname, n.nspname))
       END
  FROM pg_catalog.pg_namespace n
 WHERE n.nspname IN ('public', :'app_schema')
   AND pg_catalog.has_schema_privilege('public', n.oid, 'CREATE')
\gexec
\endif
