-- Renew the lease of every attempt this worker holds, in one statement. Jobs missing from the
-- result are no longer ours (cancelled, rescued elsewhere, finished by an operator).
-- The held rows are locked in id order first (held_locked.sql).
-- :now is null in production (the transaction's now()); tests pass their clock's time.
WITH {held_locked}
UPDATE {schema}.jobs j
   SET lease_until = coalesce(CAST(:now AS timestamptz), now()) + pg_catalog.make_interval(secs => CAST(:leaseSeconds AS float8))
  FROM locked
 WHERE j.id = locked.id
RETURNING j.id
