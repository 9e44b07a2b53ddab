-- Renew the lease of every attempt this worker holds, in one statement. Jobs missing from the
-- result are no longer ours (cancelled, rescued elsewhere, finished by an operator).
-- Rows are locked in id order first, like every statement that updates several held jobs
-- (claim, hand_back): two of them running at once then never deadlock. They are found by id and
-- their attempt by position in the arrays, never by joining the list (see claim.sql).
WITH locked AS MATERIALIZED (
    SELECT j.id
      FROM {schema}.jobs j
     WHERE j.id = ANY (CAST(:ids AS bigint[]))
       AND j.attempts = (CAST(:attempts AS int[]))[array_position(CAST(:ids AS bigint[]), j.id)]
       AND j.locked_by = :worker AND j.status = 'running'
     ORDER BY j.id
       FOR NO KEY UPDATE OF j
)
UPDATE {schema}.jobs j
   SET lease_until = now() + make_interval(secs => :leaseSeconds)
  FROM locked
 WHERE j.id = locked.id
RETURNING j.id
