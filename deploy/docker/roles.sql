-- Compose demo: the least-privilege roles of deploy/sql, then the workers' login role with the
-- password of the db_worker_password secret. Runs after the migrations (the tables must exist).
\set ON_ERROR_STOP on
\i /sql/worker-role.sql
\i /sql/app-role.sql
\i /sql/monitor-role.sql
\set worker_password `cat /run/secrets/db_worker_password`
SELECT 'CREATE ROLE jobfleet_worker_login LOGIN IN ROLE jobfleet_worker'
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'jobfleet_worker_login')
\gexec
ALTER ROLE jobfleet_worker_login LOGIN PASSWORD :'worker_password';
SET client_min_messages = warning;  -- no notice when it is a member already
GRANT jobfleet_worker TO jobfleet_worker_login;
