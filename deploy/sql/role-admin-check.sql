-- Included (\ir) by the role scripts before they change anything: they create and alter group
-- roles, which takes a superuser or a role with CREATEROLE. Without it PostgreSQL stops them at
-- their first CREATE or ALTER ROLE with a permission error that does not say what to do; this
-- says it.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles
                    WHERE rolname = current_user AND (rolsuper OR rolcreaterole)) THEN
        RAISE EXCEPTION 'role % may not create or alter roles, which this script does', current_user
            USING HINT = 'Run it as a superuser, or give this role CREATEROLE (ALTER ROLE ' || current_user
                || ' CREATEROLE, as a superuser); on PostgreSQL 16 and later it also needs the ADMIN '
                || 'OPTION on jobfleet roles that another role created.';
    END IF;
END
$$;
