-- Included (\ir) by the role scripts: makes the group roles whose names match the psql variable
-- group_roles (a regular expression) NOLOGIN, and turns off each of their other attributes that
-- is on (SUPERUSER, CREATEDB, CREATEROLE, REPLICATION, BYPASSRLS). It names only the attributes
-- that are on: PostgreSQL lets only a superuser name SUPERUSER, REPLICATION or BYPASSRLS in ALTER
-- ROLE, even to turn them off, and from version 16 only a role with CREATEDB name CREATEDB, so
-- naming them all would stop a schema owner with CREATEROLE at this statement.
SELECT format('ALTER ROLE %I NOLOGIN', r.rolname)
       || CASE WHEN r.rolsuper THEN ' NOSUPERUSER' ELSE '' END
       || CASE WHEN r.rolcreatedb THEN ' NOCREATEDB' ELSE '' END
       || CASE WHEN r.rolcreaterole THEN ' NOCREATEROLE' ELSE '' END
       || CASE WHEN r.rolreplication THEN ' NOREPLICATION' ELSE '' END
       || CASE WHEN r.rolbypassrls THEN ' NOBYPASSRLS' ELSE '' END
  FROM pg_catalog.pg_roles r
 WHERE r.rolname ~ :'group_roles'
\gexec
