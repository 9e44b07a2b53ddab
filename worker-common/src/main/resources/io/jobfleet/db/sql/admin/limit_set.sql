-- Set the fleet-wide cap on running jobs of a queue (kind null) or one kind of it.
INSERT INTO {schema}.limits (queue, kind, max_running, set_by, set_at)
VALUES (:queue, :kind, :maxRunning, :setBy, now())
ON CONFLICT (queue, (coalesce(kind, '')))
DO UPDATE SET max_running = EXCLUDED.max_running, set_by = EXCLUDED.set_by, set_at = EXCLUDED.set_at
RETURNING queue
