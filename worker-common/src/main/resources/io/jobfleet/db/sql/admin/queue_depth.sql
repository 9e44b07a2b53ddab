-- The depth and lag of one queue, for the gauges of its workers: one cheap statement on the
-- partial claim index (pending) and lease index (running jobs, all of which a worker holds under
-- a lease). paused: 1 when the whole queue is paused now; paused_kinds: kinds paused now
-- (jobfleet.pauses, schema version 7); caps, key_rules, rates: the limits on the queue or its
-- kinds (versions 7 and 10).
SELECT count(*) FILTER (WHERE status = 'pending' AND scheduled_at <= now()) AS due,
       count(*) FILTER (WHERE status = 'pending' AND scheduled_at > now())  AS scheduled,
       count(*) FILTER (WHERE status = 'running')                           AS running,
       coalesce(extract(epoch FROM now() - (min(scheduled_at)
               FILTER (WHERE status = 'pending' AND scheduled_at <= now())))::float8, 0) AS lag_seconds,
       (SELECT count(*) FROM {schema}.pauses p
         WHERE p.queue = :queue AND p.kind IS NULL AND (p.until IS NULL OR p.until > now())) AS paused,
       (SELECT count(*) FROM {schema}.pauses p
         WHERE p.queue = :queue AND p.kind IS NOT NULL AND (p.until IS NULL OR p.until > now())) AS paused_kinds,
       (SELECT count(*) FROM {schema}.limits l WHERE l.queue = :queue) AS caps,
       (SELECT count(*) FROM {schema}.key_limits k WHERE k.queue = :queue) AS key_rules,
       (SELECT count(*) FROM {schema}.rate_limits r
         WHERE r.name = 'queue:' || :queue OR starts_with(r.name, 'queue:' || :queue || ':')) AS rates
  FROM {schema}.jobs
 WHERE queue = :queue
   AND (status = 'pending' OR status = 'running' AND lease_until IS NOT NULL)
