-- jobfleet schema, version 15: a job inserted for later wakes the workers when it is due, and
-- the pending jobs that version 14's key rule would have given a key get it.
--
-- A job enqueued with a scheduled_at in the future woke the idle workers at once, found nothing due
-- and then waited for their next poll, up to --poll-max (30 s) late. The insert's notification now
-- says when: for the jobs of a queue that are due, the payload is the queue name as before; for the
-- earliest of those that are not due yet, it is the queue name, a tab and the time it is due in
-- milliseconds since 1970 (the database's clock). A worker of the queue claims at that time. A
-- worker of an earlier version ignores a payload that is not its queue's name.
CREATE OR REPLACE FUNCTION ${flyway:defaultSchema}.notify_jobs_inserted() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    q text;
    due_now boolean;
    next_due timestamptz;
BEGIN
    FOR q, due_now, next_due IN
        SELECT i.queue, bool_or(i.scheduled_at <= now()), min(i.scheduled_at) FILTER (WHERE i.scheduled_at > now())
          FROM inserted_jobs i
         WHERE i.status = 'pending'
         GROUP BY i.queue
    LOOP
        IF due_now THEN
            PERFORM pg_notify(TG_TABLE_SCHEMA || '.jobs', q);
        END IF;
        IF next_due IS NOT NULL THEN
            PERFORM pg_notify(TG_TABLE_SCHEMA || '.jobs',
                              q || E'\t' || CAST(floor(extract(epoch FROM next_due) * 1000) AS bigint));
        END IF;
    END LOOP;
    RETURN NULL;
END
$$;

-- Version 14 reads a key rule's field in its camelCase spelling too, but only for jobs inserted
-- after it: a job enqueued before it with {"conversationId": ...} stayed without a key, so it could
-- run beside the jobs of its conversation, out of order. Each pending job without a key gets the key
-- its rule gives it now (the kind's own rule before the queue's, as the trigger picks it). Driven
-- from key_limits, so only the pending jobs of queues with a rule are read (jobs_claim_idx).
UPDATE ${flyway:defaultSchema}.jobs j
   SET concurrency_key = ${flyway:defaultSchema}.payload_key(j.payload, f.key_field),
       updated_at = now()
  FROM (SELECT DISTINCT ON (p.id) p.id, k.key_field
          FROM ${flyway:defaultSchema}.key_limits k
          JOIN ${flyway:defaultSchema}.jobs p ON p.queue = k.queue AND (k.kind IS NULL OR p.kind = k.kind)
         WHERE p.status = 'pending' AND p.concurrency_key IS NULL AND k.key_field IS NOT NULL
         ORDER BY p.id, k.kind NULLS LAST) f
 WHERE j.id = f.id
   AND ${flyway:defaultSchema}.payload_key(j.payload, f.key_field) IS NOT NULL;
