-- Remove a token bucket. Returns its name when there was one.
DELETE FROM {schema}.rate_limits WHERE name = :name RETURNING name
