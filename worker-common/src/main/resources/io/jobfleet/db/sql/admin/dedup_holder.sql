-- The pending or running job holding the dedup_key of job :id in its queue.
SELECT h.id, h.status
  FROM {schema}.jobs j
  JOIN {schema}.jobs h ON h.queue = j.queue AND h.dedup_key = j.dedup_key AND h.id <> j.id
 WHERE j.id = :id
   AND h.status IN ('pending', 'running')
