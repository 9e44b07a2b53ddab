-- Delete one batch of finished jobs older than the retention. Row locks only, never a table lock:
-- SKIP LOCKED leaves rows someone is touching for the next batch. The literal status list lets
-- the planner use the partial index on completed_at.
DELETE FROM {schema}.jobs
 WHERE id IN (
       SELECT id
         FROM {schema}.jobs
        WHERE status IN ('completed', 'failed', 'cancelled')
          AND status = ANY (CAST(:statuses AS text[]))
          AND completed_at < now() - pg_catalog.make_interval(secs => CAST(:olderThanSeconds AS float8))
        LIMIT :batch
          FOR UPDATE SKIP LOCKED)
