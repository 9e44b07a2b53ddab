-- jobfleet schema, version 12: the operator console's worker registry and audit (docs/console.md).

-- The live worker processes: a worker inserts its row at start, refreshes seen_at (and what it
-- holds) with one upsert per heartbeat period, and deletes it at a graceful stop. A row whose
-- seen_at is older than a few heartbeat periods belongs to a process that died: the console
-- shows it as gone and prunes it.
CREATE TABLE ${flyway:defaultSchema}.workers (
    worker_id   text        PRIMARY KEY,
    host        text        NOT NULL,
    pid         bigint      NOT NULL,
    version     text        NOT NULL,
    queue       text        NOT NULL,
    kinds       text[]      NOT NULL DEFAULT '{}',
    concurrency integer     NOT NULL,
    held        integer     NOT NULL DEFAULT 0,
    -- how often seen_at is refreshed, so that a reader knows when a row is stale
    heartbeat_seconds float8 NOT NULL,
    started_at  timestamptz NOT NULL DEFAULT now(),
    seen_at     timestamptz NOT NULL DEFAULT now()
);

COMMENT ON TABLE ${flyway:defaultSchema}.workers IS 'jobfleet: live worker processes (console Workers page)';

-- Every action taken in the console: who, what, on what (a job id or a filter), how many jobs.
CREATE TABLE ${flyway:defaultSchema}.audit (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at         timestamptz NOT NULL DEFAULT now(),
    actor      text        NOT NULL,
    action     text        NOT NULL,
    target     text,
    filter     jsonb,
    jobs       bigint      NOT NULL DEFAULT 0,
    detail     text
);

COMMENT ON TABLE ${flyway:defaultSchema}.audit IS 'jobfleet: actions taken in the operator console';

CREATE INDEX audit_at_idx ON ${flyway:defaultSchema}.audit (at);
