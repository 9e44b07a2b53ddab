-- Define (or change) a token bucket: permits per per_seconds, up to burst. A new bucket starts full;
-- a changed one keeps its tokens, within the new burst.
INSERT INTO {schema}.rate_limits (name, permits, per_seconds, burst, tokens, refilled_at, set_by, set_at)
VALUES (:name, :permits, :perSeconds, :burst, :burst, clock_timestamp(), :setBy, now())
ON CONFLICT (name)
DO UPDATE SET permits = EXCLUDED.permits, per_seconds = EXCLUDED.per_seconds, burst = EXCLUDED.burst,
              tokens = least({schema}.rate_limits.tokens, EXCLUDED.burst),
              set_by = EXCLUDED.set_by, set_at = EXCLUDED.set_at
RETURNING name
