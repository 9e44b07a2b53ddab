-- Renew the lease of every attempt this worker holds, in one statement. Jobs missing from the
-- result are no longer ours (cancelled, rescued elsewhere, finished by an operator).
UPDATE {schema}.jobs j
   SET lease_until = now() + make_interval(secs => :leaseSeconds)
  FROM unnest(CAST(:ids AS bigint[]), CAST(:attempts AS int[])) AS held(id, attempt)
 WHERE j.id = held.id
   AND j.attempts = held.attempt
   AND j.locked_by = :worker
   AND j.status = 'running'
RETURNING j.id
