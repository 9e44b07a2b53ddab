-- Give the pending jobs a rule's payload field names, and that came without a key, their key:
-- jobs enqueued before the rule was set then wait their turn like the later ones.
UPDATE {schema}.jobs j
   SET concurrency_key = nullif(left(j.payload ->> CAST(:keyField AS text), 256), ''),
       updated_at = now()
 WHERE j.status = 'pending' AND j.queue = :queue
   AND (CAST(:kind AS text) IS NULL OR j.kind = :kind)
   AND j.concurrency_key IS NULL
   AND jsonb_typeof(j.payload -> CAST(:keyField AS text)) IN ('string', 'number', 'boolean')
