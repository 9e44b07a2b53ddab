-- Give the pending jobs a rule's payload field names, and that came without a key, their key:
-- jobs enqueued before the rule was set then wait their turn like the later ones. The field is
-- read as the rule names it, else in its camelCase spelling, as the jobs table's trigger does.
UPDATE {schema}.jobs j
   SET concurrency_key = nullif(left(CASE WHEN jsonb_typeof(j.payload -> k.field) IN ('string', 'number', 'boolean')
                                          THEN j.payload ->> k.field ELSE j.payload ->> k.camel END, 256), ''),
       updated_at = now()
  FROM (SELECT f.field,
               (SELECT string_agg(CASE WHEN s.n = 1 THEN s.part ELSE upper(left(s.part, 1)) || substr(s.part, 2) END,
                                  '' ORDER BY s.n)
                  FROM unnest(string_to_array(f.field, '_')) WITH ORDINALITY AS s(part, n)) AS camel
          FROM (SELECT CAST(:keyField AS text) AS field) f) k
 WHERE j.status = 'pending' AND j.queue = :queue
   AND (CAST(:kind AS text) IS NULL OR j.kind = :kind)
   AND j.concurrency_key IS NULL
   AND (jsonb_typeof(j.payload -> k.field) IN ('string', 'number', 'boolean')
        OR jsonb_typeof(j.payload -> k.camel) IN ('string', 'number', 'boolean'))
