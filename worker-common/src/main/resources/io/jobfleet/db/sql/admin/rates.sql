-- Stored token buckets (names starting with a prefix, or all) with the tokens they hold now.
SELECT r.name, r.permits, r.per_seconds, r.burst, r.set_by, r.set_at,
       least(r.burst, r.tokens + extract(epoch FROM greatest(clock_timestamp(), r.refilled_at) - r.refilled_at)
                                 * r.permits / r.per_seconds) AS tokens
  FROM {schema}.rate_limits r
 WHERE CAST(:prefix AS text) IS NULL OR starts_with(r.name, :prefix)
 ORDER BY r.name
