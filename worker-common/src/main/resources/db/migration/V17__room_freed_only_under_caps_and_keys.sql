-- jobfleet schema, version 17: a job's end calls the room-freed trigger's function only when the
-- job was running under a cap or a key rule.
--
-- Since version 7 every job leaving 'running' called notify_room_freed(), which looked its queue up
-- in limits and key_limits to decide whether to wake the queue's workers. Almost every queue has
-- neither, and the call (PL/pgSQL, SECURITY DEFINER, a pinned search_path, two lookups) cost about
-- 14 µs of the server's time per job, the most expensive part of a job's completion (the batch
-- completion's mean time per job fell from 41 to 26 µs without it; docs/benchmarks.md, "The
-- room-freed trigger: schema version 17").
--
-- The claim now says whether the job runs under a cap or a key rule (frees_room), where it reads
-- those rules anyway, and the trigger's WHEN clause tests that flag without calling anything. The
-- function itself still checks the rules when it runs, so a cap or a key rule cleared meanwhile wakes
-- no one. A cap or a key rule set while jobs run marks those jobs (`jobfleet limit set`, and the same
-- at this migration for the running jobs of capped and keyed queues). A worker of an earlier version
-- still running against this schema claims without marking: the ends of its jobs wake no one, and
-- the workers of a capped queue find the room those free at their next poll.
ALTER TABLE ${flyway:defaultSchema}.jobs ADD COLUMN frees_room boolean NOT NULL DEFAULT false;

COMMENT ON COLUMN ${flyway:defaultSchema}.jobs.frees_room IS
    'jobfleet: true while the job runs under a cap (limits) or a key rule (key_limits): its end wakes the queue''s workers';

UPDATE ${flyway:defaultSchema}.jobs j
   SET frees_room = true
 WHERE j.status = 'running'
   AND (EXISTS (SELECT 1 FROM ${flyway:defaultSchema}.limits l WHERE l.queue = j.queue)
        OR (j.concurrency_key IS NOT NULL
            AND EXISTS (SELECT 1 FROM ${flyway:defaultSchema}.key_limits k WHERE k.queue = j.queue)));

DROP TRIGGER jobs_notify_room_freed ON ${flyway:defaultSchema}.jobs;

CREATE TRIGGER jobs_notify_room_freed
    AFTER UPDATE OF status ON ${flyway:defaultSchema}.jobs
    FOR EACH ROW WHEN (OLD.status = 'running' AND NEW.status <> 'running' AND OLD.frees_room)
    EXECUTE FUNCTION ${flyway:defaultSchema}.notify_room_freed();
