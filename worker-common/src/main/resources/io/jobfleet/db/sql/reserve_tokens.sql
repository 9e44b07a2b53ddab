-- Reserve tokens of a named bucket: taken at once, into debt when too few are there, with the time
-- they are due (the refill up to the debt paid back). One statement: concurrent reservations queue
-- on the bucket's row and each gets the slot after the one before, so takers that wait their
-- slot out drain a backlog at the bucket's rate. The clock is the database's, or the test's :now;
-- a clock read before the row lock was granted only credits less refill (refilled_at never goes
-- back). No row comes back for a bucket that does not exist: everything is granted.
UPDATE {schema}.rate_limits r
   SET tokens = least(r.burst, r.tokens + extract(epoch FROM greatest(n.t, r.refilled_at) - r.refilled_at)
                                           * r.permits / r.per_seconds) - CAST(:wanted AS float8),
       refilled_at = greatest(n.t, r.refilled_at)
  FROM (SELECT coalesce(CAST(:now AS timestamptz), clock_timestamp()) AS t) n
 WHERE r.name = CAST(:name AS text)
RETURNING r.tokens >= 0 AS granted,
          r.refilled_at + pg_catalog.make_interval(secs => greatest(0, -r.tokens) * r.per_seconds / r.permits) AS due
