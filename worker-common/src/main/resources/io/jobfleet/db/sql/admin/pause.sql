-- Pause a queue (kind null) or one kind of it, until resumed (:forSeconds null) or for a while.
-- Pausing again replaces the reason and the end. Workers honour it at their next claim.
INSERT INTO {schema}.pauses (queue, kind, reason, paused_by, paused_at, until)
VALUES (:queue, :kind, :reason, :pausedBy, now(),
        now() + pg_catalog.make_interval(secs => CAST(:forSeconds AS float8)))
ON CONFLICT (queue, (coalesce(kind, '')))
DO UPDATE SET reason = EXCLUDED.reason, paused_by = EXCLUDED.paused_by, paused_at = EXCLUDED.paused_at,
              until = EXCLUDED.until
RETURNING queue, kind, reason, paused_by, paused_at, until
