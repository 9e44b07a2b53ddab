-- Renew the lease of every attempt this worker holds, in one statement. Jobs missing from the
-- result are no longer ours (cancelled, rescued elsewhere, finished by an operator).
-- Rows are locked in id order first, like every statement that updates several held jobs
-- (claim, hand_back): two of them running at once then never deadlock.
WITH held AS (
    SELECT h.id, h.attempt
      FROM unnest(CAST(:ids AS bigint[]), CAST(:attempts AS int[])) AS h(id, attempt)
), locked AS MATERIALIZED (
    SELECT j.id
      FROM {schema}.jobs j
      JOIN held h ON h.id = j.id AND h.attempt = j.attempts
     WHERE j.locked_by = :worker AND j.status = 'running'
     ORDER BY j.id
       FOR NO KEY UPDATE OF j
)
UPDATE {schema}.jobs j
   SET lease_until = now() + make_interval(secs => :leaseSeconds)
  FROM locked
 WHERE j.id = locked.id
RETURNING j.id
