-- Lift the pauses of a queue: every one (:kind null) or the one of a kind. Returns what was lifted.
DELETE FROM {schema}.pauses
 WHERE queue = :queue AND (CAST(:kind AS text) IS NULL OR kind = :kind)
RETURNING queue, kind, reason, paused_by, paused_at, until
