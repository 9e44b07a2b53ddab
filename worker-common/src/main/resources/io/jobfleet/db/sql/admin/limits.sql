-- Stored caps (of one queue, or all) with the jobs they count now.
SELECT l.queue, l.kind, l.max_running, l.set_by, l.set_at,
       (SELECT count(*) FROM {schema}.jobs j
         WHERE j.status = 'running' AND j.started_at IS NOT NULL
           AND j.queue = l.queue AND (l.kind IS NULL OR j.kind = l.kind)) AS running
  FROM {schema}.limits l
 WHERE CAST(:queue AS text) IS NULL OR l.queue = :queue
 ORDER BY l.queue, l.kind NULLS FIRST
