-- Stored pauses (of one queue, or all), with the due pending jobs they hold back and whether they
-- expired (an expired pause no longer holds anything; it stays until resumed or paused again).
SELECT p.queue, p.kind, p.reason, p.paused_by, p.paused_at, p.until,
       (p.until IS NOT NULL AND p.until <= now()) AS expired,
       (SELECT count(*) FROM {schema}.jobs j
         WHERE j.status = 'pending' AND j.queue = p.queue AND (p.kind IS NULL OR j.kind = p.kind)
           AND j.scheduled_at <= now()) AS pending
  FROM {schema}.pauses p
 WHERE CAST(:queue AS text) IS NULL OR p.queue = :queue
 ORDER BY p.queue, p.kind NULLS FIRST
