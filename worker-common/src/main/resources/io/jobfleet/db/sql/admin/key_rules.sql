-- Stored key rules (of one queue, or all), with the keys that have jobs running or waiting now and
-- the busiest key's running count.
SELECT k.queue, k.kind, k.max_per_key, k.ordered, k.key_field, k.set_by, k.set_at,
       (SELECT count(DISTINCT j.concurrency_key) FROM {schema}.jobs j
         WHERE j.queue = k.queue AND j.concurrency_key IS NOT NULL AND j.status IN ('pending', 'running')
           AND (k.kind IS NULL OR j.kind = k.kind)) AS active_keys,
       (SELECT coalesce(max(c.n), 0) FROM (SELECT count(*) AS n FROM {schema}.jobs j
                                           WHERE j.queue = k.queue AND j.concurrency_key IS NOT NULL
                                             AND j.status = 'running' AND (k.kind IS NULL OR j.kind = k.kind)
                                           GROUP BY j.concurrency_key) c) AS busiest_running
  FROM {schema}.key_limits k
 WHERE CAST(:queue AS text) IS NULL OR k.queue = :queue
 ORDER BY k.queue, k.kind NULLS FIRST
