-- Claim up to :limit due pending jobs of one queue, highest priority first, then oldest.
-- Each claimed row gets a new claim_token, which every fenced statement of the attempt matches.
-- The SKIP LOCKED sub-select is an InitPlan (ARRAY(...)), run exactly once, so no plan can re-run
-- it and lock more rows than the LIMIT, and the update finds its rows through the primary key (a
-- join there let a generic plan hash the whole table on every claim). Rows come back in no
-- particular order (the caller sorts them).
-- :now is null in production (the transaction's now()); tests pass their clock's time.
UPDATE {schema}.jobs j
   SET status      = 'running',
       attempts    = j.attempts + 1,
       locked_by   = :worker,
       claim_token = pg_catalog.nextval('{schema}.jobs_claim_token_seq'),
       lease_until = coalesce(CAST(:now AS timestamptz), now()) + pg_catalog.make_interval(secs => CAST(:leaseSeconds AS float8)),
       started_at  = now(),
       updated_at  = now()
 WHERE j.id = ANY (ARRAY(
        SELECT id
          FROM {schema}.jobs
         WHERE status = 'pending'
           AND queue = :queue
           AND scheduled_at <= coalesce(CAST(:now AS timestamptz), now())
         ORDER BY priority DESC, scheduled_at, id
         LIMIT (SELECT CAST(:limit AS int))
           FOR UPDATE SKIP LOCKED))
RETURNING j.id, j.queue, j.kind, j.payload::text AS payload, j.priority, j.attempts,
          j.max_attempts, j.timeout_seconds, j.scheduled_at, j.created_at,
          j.claim_token
