-- Set the key rule of a queue (kind null: every kind without a rule of its own) or of one kind.
INSERT INTO {schema}.key_limits (queue, kind, max_per_key, ordered, key_field, set_by, set_at)
VALUES (:queue, :kind, :maxPerKey, :ordered, :keyField, :setBy, now())
ON CONFLICT (queue, (coalesce(kind, '')))
DO UPDATE SET max_per_key = EXCLUDED.max_per_key, ordered = EXCLUDED.ordered, key_field = EXCLUDED.key_field,
              set_by = EXCLUDED.set_by, set_at = EXCLUDED.set_at
RETURNING queue
