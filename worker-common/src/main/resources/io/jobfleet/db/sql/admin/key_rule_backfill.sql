-- Give the pending jobs a rule's payload field names, and that came without a key, their key:
-- jobs enqueued before the rule was set then wait their turn like the later ones. The key is
-- payload_key()'s, as the jobs table's trigger gives it (the field, else its camelCase spelling).
UPDATE {schema}.jobs j
   SET concurrency_key = {schema}.payload_key(j.payload, CAST(:keyField AS text)),
       updated_at = now()
 WHERE j.status = 'pending' AND j.queue = :queue
   AND (CAST(:kind AS text) IS NULL OR j.kind = :kind)
   AND j.concurrency_key IS NULL
   AND {schema}.payload_key(j.payload, CAST(:keyField AS text)) IS NOT NULL
