-- One batch of failed jobs (ids above :afterId) back to pending, attempts reset, due now.
-- A job whose dedup_key is already pending or running in its queue is skipped (the unique index
-- would refuse the whole statement), and so are all but the newest of several failed jobs of
-- this batch that share a key. Every candidate comes back, with whether it was retried, so the
-- caller moves past the skipped ones.
WITH candidates AS MATERIALIZED (
    SELECT id, queue, dedup_key
      FROM {schema}.jobs
     WHERE status = 'failed'
       AND id > :afterId
       AND (CAST(:queue AS text) IS NULL OR queue = :queue)
       AND (CAST(:kind AS text) IS NULL OR kind = :kind)
       AND (CAST(:errorClass AS text) IS NULL OR errors -> -1 ->> 'class' = :errorClass)
       AND (CAST(:sinceSeconds AS float8) <= 0 OR completed_at >= now() - pg_catalog.make_interval(secs => CAST(:sinceSeconds AS float8)))
     ORDER BY id
     LIMIT :batch
       FOR UPDATE SKIP LOCKED
), chosen AS (
    SELECT DISTINCT ON (c.queue, c.dedup_key, CASE WHEN c.dedup_key IS NULL THEN c.id END) c.id
      FROM candidates c
     WHERE c.dedup_key IS NULL
        OR NOT EXISTS (SELECT 1 FROM {schema}.jobs o
                        WHERE o.queue = c.queue AND o.dedup_key = c.dedup_key
                          AND o.status IN ('pending', 'running'))
     ORDER BY c.queue, c.dedup_key, CASE WHEN c.dedup_key IS NULL THEN c.id END, c.id DESC
), retried AS (
    UPDATE {schema}.jobs j
       SET status       = 'pending',
           attempts     = 0,
           scheduled_at = now(),
           result       = NULL,
           locked_by    = NULL,
           lease_until  = NULL,
           started_at   = NULL,
           completed_at = NULL,
           updated_at   = now()
      FROM chosen
     WHERE j.id = chosen.id
    RETURNING j.id
)
SELECT c.id, c.queue, r.id IS NOT NULL AS retried
  FROM candidates c
  LEFT JOIN retried r ON r.id = c.id
 ORDER BY c.id
