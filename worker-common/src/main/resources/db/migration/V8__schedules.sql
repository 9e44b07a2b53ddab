-- jobfleet schema, version 8: durable schedules (docs/schedules.md).
--
-- One row per schedule: a cron expression in a time zone and the job to enqueue at each of its
-- slots. Every worker process runs a schedule runner; a slot is enqueued by whichever gets there
-- first, in the transaction that moves next_run (and last_slot) forward with a compare-and-set,
-- so each slot is enqueued once however many processes run.
CREATE TABLE ${flyway:defaultSchema}.schedules (
    name            text        PRIMARY KEY CHECK (name ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$'),
    cron            text        NOT NULL CHECK (cron <> ''),
    time_zone       text        NOT NULL DEFAULT 'UTC',
    queue           text        NOT NULL CHECK (queue <> ''),
    kind            text        NOT NULL CHECK (kind <> ''),
    payload         jsonb       NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(payload) = 'object'),
    priority        integer     NOT NULL DEFAULT 0,
    max_attempts    integer     NOT NULL DEFAULT 3 CHECK (max_attempts >= 1),
    timeout_seconds integer     NOT NULL DEFAULT 300 CHECK (timeout_seconds >= 1),
    catch_up        text        NOT NULL DEFAULT 'skip' CHECK (catch_up IN ('skip', 'last', 'all')),
    catch_up_max    integer     NOT NULL DEFAULT 100 CHECK (catch_up_max >= 1),
    paused          boolean     NOT NULL DEFAULT false,
    -- the first slot not enqueued yet (computed from cron and time_zone by the worker)
    next_run        timestamptz NOT NULL,
    -- the last slot enqueued, and its job
    last_slot       timestamptz,
    last_job_id     bigint,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);

COMMENT ON TABLE ${flyway:defaultSchema}.schedules IS 'jobfleet: durable cron schedules (docs/schedules.md)';

-- The runners read the earliest due slot of the schedules that are not paused.
CREATE INDEX schedules_next_run_idx ON ${flyway:defaultSchema}.schedules (next_run) WHERE NOT paused;
