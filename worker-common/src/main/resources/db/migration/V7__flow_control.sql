-- jobfleet schema, version 7: fleet-wide flow control (docs/design.md, "Flow control").
--
-- Pauses and running caps are rows the claim statement reads, so they hold for every worker
-- process at its next claim, however many there are. Snoozes give an attempt back to the job.

-- A pause of a whole queue (kind IS NULL) or of one kind in it, until resumed (until IS NULL) or
-- until a time. The claim skips the jobs it covers; they keep their attempts.
CREATE TABLE ${flyway:defaultSchema}.pauses (
    queue     text        NOT NULL CHECK (queue <> ''),
    kind      text        CHECK (kind <> ''),
    reason    text        NOT NULL,
    paused_by text        NOT NULL DEFAULT current_user,
    paused_at timestamptz NOT NULL DEFAULT now(),
    until     timestamptz
);
-- One pause per queue and kind (NULLS NOT DISTINCT needs PostgreSQL 15: coalesce instead).
CREATE UNIQUE INDEX pauses_queue_kind_idx ON ${flyway:defaultSchema}.pauses (queue, coalesce(kind, ''));

COMMENT ON TABLE ${flyway:defaultSchema}.pauses IS 'jobfleet: paused queues and kinds (jobfleet pause / resume)';

-- A fleet-wide cap on the running jobs of a queue (kind IS NULL) or of one kind in it.
CREATE TABLE ${flyway:defaultSchema}.limits (
    queue       text        NOT NULL CHECK (queue <> ''),
    kind        text        CHECK (kind <> ''),
    max_running integer     NOT NULL CHECK (max_running >= 0),
    set_by      text        NOT NULL DEFAULT current_user,
    set_at      timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX limits_queue_kind_idx ON ${flyway:defaultSchema}.limits (queue, coalesce(kind, ''));

COMMENT ON TABLE ${flyway:defaultSchema}.limits IS 'jobfleet: fleet-wide caps on running jobs (jobfleet limit)';

-- Snoozes: a handler's "not now, try at T" gives the attempt back; at most max_snoozes times.
ALTER TABLE ${flyway:defaultSchema}.jobs
    ADD COLUMN snoozes     integer NOT NULL DEFAULT 0 CHECK (snoozes >= 0),
    ADD COLUMN max_snoozes integer NOT NULL DEFAULT 20 CHECK (max_snoozes >= 0);

-- Running jobs by queue and kind, for the cap's count. The predicate names started_at (the claim
-- sets it on every running job), which neither the fenced statements ("id = :id AND status =
-- 'running'") nor the rescue ("lease_until < now") mention, so they never match it: see V2 for
-- what such an index costs them.
CREATE INDEX jobs_running_queue_idx ON ${flyway:defaultSchema}.jobs (queue, kind)
    WHERE status = 'running' AND started_at IS NOT NULL;

-- The room under the caps of one queue, for the claim: one row per limit (kind NULL: the whole
-- queue), max_running minus the jobs running now. No row when the queue has no limit, at the cost
-- of one lookup in a small table. With limits, their rows are locked first (FOR UPDATE, in a fixed
-- order), so claims of the queue take turns; the count is a new statement of this VOLATILE
-- function, so it sees the jobs the previous claim (committed while we waited) set running: the
-- claim's own snapshot, taken before the wait, would not. Like every jobfleet function, its body
-- sees only the built-ins (search_path = pg_catalog, pg_temp).
CREATE FUNCTION ${flyway:defaultSchema}.claim_room(p_queue text) RETURNS TABLE (kind text, room integer)
    LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM 1 FROM ${flyway:defaultSchema}.limits l
     WHERE l.queue = p_queue
     ORDER BY coalesce(l.kind, '')
       FOR UPDATE;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    RETURN QUERY
    SELECT l.kind, l.max_running - (SELECT count(*) FROM ${flyway:defaultSchema}.jobs j
                                     WHERE j.status = 'running' AND j.started_at IS NOT NULL
                                       AND j.queue = p_queue
                                       AND (l.kind IS NULL OR j.kind = l.kind))::integer
      FROM ${flyway:defaultSchema}.limits l
     WHERE l.queue = p_queue;
END
$$;

-- A job leaving 'running' frees room under a cap: wake the queue's workers (any of them may be
-- the one with a free thread). Only rows leaving running call the function (the WHEN clause is
-- checked without it), and it notifies only queues that have a limit. SECURITY DEFINER: the app's
-- role cancels jobs too, and needs no privilege on jobfleet.limits for that.
CREATE FUNCTION ${flyway:defaultSchema}.notify_room_freed() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM ${flyway:defaultSchema}.limits l WHERE l.queue = NEW.queue) THEN
        PERFORM pg_notify(TG_TABLE_SCHEMA || '.jobs', NEW.queue);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER jobs_notify_room_freed
    AFTER UPDATE OF status ON ${flyway:defaultSchema}.jobs
    FOR EACH ROW WHEN (OLD.status = 'running' AND NEW.status <> 'running')
    EXECUTE FUNCTION ${flyway:defaultSchema}.notify_room_freed();
