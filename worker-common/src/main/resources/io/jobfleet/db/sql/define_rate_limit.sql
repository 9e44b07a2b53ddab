-- Define a bucket unless it exists (a worker's flag never overrides an operator's setting); returns
-- the stored definition either way.
WITH added AS (
    INSERT INTO {schema}.rate_limits (name, permits, per_seconds, burst, tokens, refilled_at, set_by, set_at)
    VALUES (:name, :permits, :perSeconds, :burst, :burst, clock_timestamp(), :setBy, now())
    ON CONFLICT (name) DO NOTHING
    RETURNING permits, per_seconds, burst, set_by
)
SELECT a.permits, a.per_seconds, a.burst, a.set_by, true AS added FROM added a
UNION ALL
SELECT r.permits, r.per_seconds, r.burst, r.set_by, false FROM {schema}.rate_limits r
 WHERE r.name = :name AND NOT EXISTS (SELECT 1 FROM added)
