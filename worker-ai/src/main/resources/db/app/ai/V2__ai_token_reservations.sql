-- Reservations (opt-in reference schema of worker-ai, like V1).
-- ai.generate now reserves before it calls the LLM: under a per-user lock it checks that the most a
-- call can use (prompt estimate + max_tokens) fits in what is left, and inserts a ledger row for
-- that many tokens in a short transaction of its own. The row is settled to the provider's usage
-- with the job's completion, or, for a failed attempt, in a transaction of its own. A row that is
-- never settled (the worker died, the attempt lost its job) stays charged at its estimate.
-- So the ledger now holds one row per attempt that reserved, not one per completed job.

ALTER TABLE ai_usage_ledger DROP CONSTRAINT ai_usage_ledger_job_id_key;

ALTER TABLE ai_usage_ledger
    ADD COLUMN attempt         integer NOT NULL DEFAULT 1 CHECK (attempt >= 1),
    -- reserved: the call may be running (or its worker died); completed / failed: settled
    ADD COLUMN state           text NOT NULL DEFAULT 'completed'
                               CHECK (state IN ('reserved', 'completed', 'failed')),
    ADD COLUMN reserved_tokens integer NOT NULL DEFAULT 0 CHECK (reserved_tokens >= 0),
    ADD COLUMN settled_at      timestamptz;

COMMENT ON TABLE ai_usage_ledger IS
    'Tokens charged per ai.generate attempt (jobfleet.jobs.id, attempt): reserved before the LLM call, '
    'settled to the provider''s usage after it; total_tokens is what the monthly budget counts.';

CREATE INDEX ai_usage_ledger_job ON ai_usage_ledger (job_id);

-- At most one completed row per job: a completion is never counted twice.
CREATE UNIQUE INDEX ai_usage_ledger_completed_job ON ai_usage_ledger (job_id) WHERE state = 'completed';
