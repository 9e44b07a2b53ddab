-- Fragment, included by both claim statements (claim.sql, claim_plain.sql; see NamedSql) after the
-- SET of their UPDATE of jobs j: what a claim sets on each row it takes. Each statement then sets
-- frees_room its own way. The claim token is drawn for this claim alone and fences every later
-- write of the attempt.
       status      = 'running',
       attempts    = j.attempts + 1,
       locked_by   = :worker,
       claim_token = pg_catalog.nextval('{schema}.jobs_claim_token_seq'),
       lease_until = coalesce(CAST(:now AS timestamptz), now()) + pg_catalog.make_interval(secs => CAST(:leaseSeconds AS float8)),
       started_at  = now(),
       updated_at  = now()