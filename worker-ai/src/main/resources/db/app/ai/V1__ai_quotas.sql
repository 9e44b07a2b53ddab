-- Reference schema of worker-ai (opt-in: ./jobfleet ai migrate --app-tables).
-- Per-user monthly token budgets and the usage ledger that ai.generate writes, one row per
-- successful call, in the same transaction that marks its job completed.

CREATE TABLE ai_token_budgets (
    user_id        text PRIMARY KEY,
    -- tokens per calendar month (UTC); NULL = unlimited for this user, whatever the default
    monthly_tokens bigint CHECK (monthly_tokens IS NULL OR monthly_tokens >= 0),
    updated_at     timestamptz NOT NULL DEFAULT now()
);

COMMENT ON TABLE ai_token_budgets IS
    'Monthly AI token limit per user; users without a row get the worker''s --ai-default-monthly-tokens.';

CREATE TABLE ai_usage_ledger (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_id            bigint NOT NULL UNIQUE,
    user_id           text NOT NULL,
    model             text NOT NULL,
    prompt_tokens     integer NOT NULL CHECK (prompt_tokens >= 0),
    completion_tokens integer NOT NULL CHECK (completion_tokens >= 0),
    total_tokens      integer NOT NULL CHECK (total_tokens >= 0),
    created_at        timestamptz NOT NULL DEFAULT now()
);

COMMENT ON TABLE ai_usage_ledger IS
    'One row per successful ai.generate job (jobfleet.jobs.id), written with its completion.';

-- The monthly sum reads only this index (total_tokens is included).
CREATE INDEX ai_usage_ledger_user_created ON ai_usage_ledger (user_id, created_at) INCLUDE (total_tokens);

-- A user's budget for the calendar month (UTC) holding p_at. p_default_limit applies to users
-- without a budget row; NULL means unlimited. remaining_tokens is never below 0 and is NULL when
-- the budget is unlimited.
CREATE FUNCTION ai_token_quota(p_user_id text, p_default_limit bigint DEFAULT NULL,
                               p_at timestamptz DEFAULT now())
RETURNS TABLE (monthly_limit bigint, used_tokens bigint, remaining_tokens bigint,
               period_start timestamptz, resets_at timestamptz)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    WITH period AS (
        SELECT date_trunc('month', p_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS start_at,
               (date_trunc('month', p_at AT TIME ZONE 'UTC') + interval '1 month') AT TIME ZONE 'UTC' AS end_at
    ), budget AS (
        SELECT CASE WHEN b.user_id IS NULL THEN p_default_limit ELSE b.monthly_tokens END AS monthly_limit
        FROM (SELECT 1) AS one
        LEFT JOIN "${flyway:defaultSchema}".ai_token_budgets b ON b.user_id = p_user_id
    ), used AS (
        SELECT coalesce(sum(l.total_tokens), 0)::bigint AS used_tokens
        FROM "${flyway:defaultSchema}".ai_usage_ledger l, period
        WHERE l.user_id = p_user_id AND l.created_at >= period.start_at AND l.created_at < period.end_at
    )
    SELECT budget.monthly_limit, used.used_tokens,
           CASE WHEN budget.monthly_limit IS NULL THEN NULL  -- greatest() would skip the NULL
                ELSE greatest(budget.monthly_limit - used.used_tokens, 0) END,
           period.start_at, period.end_at
    FROM budget, used, period
$$;

-- What the app calls before enqueueing (and ai.generate before calling the LLM): tokens left this
-- month, NULL = unlimited.
CREATE FUNCTION ai_remaining_tokens(p_user_id text, p_default_limit bigint DEFAULT NULL)
RETURNS bigint
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT remaining_tokens FROM "${flyway:defaultSchema}".ai_token_quota(p_user_id, p_default_limit, now())
$$;
