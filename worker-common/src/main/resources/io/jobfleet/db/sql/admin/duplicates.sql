-- Possible duplicates: the same queue, kind and payload pending more than once (the app enqueued
-- twice without a dedup_key).
SELECT queue, kind, count(*) AS jobs,
       (pg_catalog.array_agg(id ORDER BY id))[1 : 10] AS ids, -- spaces: ":10" would read as a parameter
       left(payload::text, 200) AS payload
  FROM {schema}.jobs
 WHERE status = 'pending'
   AND (CAST(:queue AS text) IS NULL OR queue = :queue)
 GROUP BY queue, kind, payload
HAVING count(*) > 1
 ORDER BY count(*) DESC, queue, kind
 LIMIT :limit
