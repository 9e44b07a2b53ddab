-- Remove the key rule of a queue (kind null: the queue-wide one) or of one kind.
DELETE FROM {schema}.key_limits
 WHERE queue = :queue AND kind IS NOT DISTINCT FROM CAST(:kind AS text)
RETURNING queue
