-- Remove the cap of a queue (kind null: the queue-wide one) or of one kind. Returns what was removed.
DELETE FROM {schema}.limits
 WHERE queue = :queue AND kind IS NOT DISTINCT FROM CAST(:kind AS text)
RETURNING queue
