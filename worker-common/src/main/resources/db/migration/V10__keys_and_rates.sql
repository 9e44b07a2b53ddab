-- jobfleet schema, version 10: concurrency keys and rate limits (docs/design.md, "Flow control").
--
-- A job may carry a concurrency key (a conversation, a user, a document...). A key rule of a queue
-- (or of one kind in it) holds at most max_per_key running jobs per key fleet-wide; an ordered rule
-- (max_per_key 1) starts a key's next job only once the previous one has ended, in enqueue order,
-- retries included. Rate limits are token buckets kept here, shared by every process: a bucket named
-- 'queue:<queue>' or 'queue:<queue>:<kind>' limits the claims of that queue or kind; any other name
-- is for handlers and clients (the LLM client's requests and tokens per minute, a provider's sends).

-- The key: set at enqueue (a column of the INSERT, or enqueue()'s p_concurrency_key), or derived from
-- a payload field named by the rule (the trigger below). Added without a default, so no rewrite;
-- the check is NOT VALID because every existing row is NULL, which passes it anyway, and validating
-- would scan the table under an exclusive lock.
ALTER TABLE ${flyway:defaultSchema}.jobs ADD COLUMN concurrency_key text;
ALTER TABLE ${flyway:defaultSchema}.jobs ADD CONSTRAINT jobs_concurrency_key_check
    CHECK (concurrency_key <> '' AND length(concurrency_key) <= 256) NOT VALID;

-- A key's unfinished jobs by status and enqueue order: the claim's two lookups per key (jobs of
-- the key running now; the key's first unfinished job, for ordered rules) each read one range.
CREATE INDEX jobs_key_idx ON ${flyway:defaultSchema}.jobs (queue, concurrency_key, status, id)
    WHERE concurrency_key IS NOT NULL AND status IN ('pending', 'running');

CREATE TABLE ${flyway:defaultSchema}.key_limits (
    queue       text        NOT NULL CHECK (queue <> ''),
    kind        text        CHECK (kind <> ''),
    max_per_key integer     NOT NULL CHECK (max_per_key >= 1),
    ordered     boolean     NOT NULL DEFAULT false,
    key_field   text        CHECK (key_field ~ '^[A-Za-z_][A-Za-z0-9_]{0,62}$'),
    set_by      text        NOT NULL DEFAULT current_user,
    set_at      timestamptz NOT NULL DEFAULT now(),
    CHECK (NOT ordered OR max_per_key = 1)
);
CREATE UNIQUE INDEX key_limits_queue_kind_idx ON ${flyway:defaultSchema}.key_limits (queue, coalesce(kind, ''));

COMMENT ON TABLE ${flyway:defaultSchema}.key_limits IS
    'jobfleet: per-key concurrency and order of a queue or kind (jobfleet limit set --per-key)';

CREATE TABLE ${flyway:defaultSchema}.rate_limits (
    name        text             PRIMARY KEY CHECK (name <> '' AND length(name) <= 200),
    permits     double precision NOT NULL CHECK (permits > 0),
    per_seconds double precision NOT NULL CHECK (per_seconds > 0),
    burst       double precision NOT NULL CHECK (burst >= 1),
    tokens      double precision NOT NULL,
    refilled_at timestamptz      NOT NULL DEFAULT now(),
    set_by      text             NOT NULL DEFAULT current_user,
    set_at      timestamptz      NOT NULL DEFAULT now()
);

COMMENT ON TABLE ${flyway:defaultSchema}.rate_limits IS
    'jobfleet: token buckets shared by every process (jobfleet rate-limit)';

-- The key from the payload field a rule names, when the INSERT gave none. Only rows without a key
-- call it (the WHEN clause is checked without a call); it costs one lookup in key_limits, a table
-- of a few rows. A field that is absent, null or not a scalar leaves the job without a key.
-- SECURITY DEFINER: the app's role inserts jobs and needs no privilege on key_limits for that.
CREATE FUNCTION ${flyway:defaultSchema}.derive_concurrency_key() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    field text;
BEGIN
    SELECT k.key_field INTO field
      FROM ${flyway:defaultSchema}.key_limits k
     WHERE k.queue = NEW.queue AND (k.kind IS NULL OR k.kind = NEW.kind) AND k.key_field IS NOT NULL
     ORDER BY k.kind NULLS LAST
     LIMIT 1;
    IF field IS NOT NULL AND jsonb_typeof(NEW.payload -> field) IN ('string', 'number', 'boolean') THEN
        NEW.concurrency_key := nullif(left(NEW.payload ->> field, 256), '');
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER jobs_derive_concurrency_key
    BEFORE INSERT ON ${flyway:defaultSchema}.jobs
    FOR EACH ROW WHEN (NEW.concurrency_key IS NULL)
    EXECUTE FUNCTION ${flyway:defaultSchema}.derive_concurrency_key();

-- Takes up to p_wanted tokens of a bucket (all or nothing unless p_partial), refilled at
-- permits / per_seconds up to burst; a request larger than the burst is granted when the bucket
-- is full, the rest becoming a debt (tokens below zero) the next takers wait out. Returns what was granted and, when less than wanted, the
-- seconds until the rest could be. A bucket that does not exist grants everything. The clock is
-- the database's (clock_timestamp(): never behind a refill another transaction wrote while this
-- one waited for the row), or p_now in tests.
CREATE FUNCTION ${flyway:defaultSchema}.take_tokens(p_name text, p_wanted double precision,
                                                    p_partial boolean DEFAULT false,
                                                    p_now timestamptz DEFAULT NULL)
    RETURNS TABLE (granted double precision, wait_seconds double precision)
    LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    b     record;
    t     timestamptz;
    avail double precision;
    g     double precision;
BEGIN
    SELECT * INTO b FROM ${flyway:defaultSchema}.rate_limits r WHERE r.name = p_name FOR UPDATE;
    IF NOT FOUND THEN
        RETURN QUERY SELECT p_wanted, 0::double precision;
        RETURN;
    END IF;
    t := greatest(coalesce(p_now, clock_timestamp()), b.refilled_at);
    avail := least(b.burst, b.tokens + extract(epoch FROM t - b.refilled_at) * b.permits / b.per_seconds);
    IF p_partial THEN
        g := greatest(least(p_wanted, floor(avail)), 0);
    ELSIF avail >= least(p_wanted, b.burst) THEN
        -- more than the bucket can ever hold passes once it is full, and leaves a debt
        g := p_wanted;
    ELSE
        g := 0;
    END IF;
    UPDATE ${flyway:defaultSchema}.rate_limits r SET tokens = avail - g, refilled_at = t WHERE r.name = p_name;
    RETURN QUERY SELECT g, CASE WHEN g >= p_wanted THEN 0
                                ELSE (least(p_wanted, b.burst) - (avail - g)) * b.per_seconds / b.permits END;
END
$$;

-- Gives back (or, when negative, takes) tokens after the fact: an estimate reserved before a call
-- settled with what the call really used. The bucket may go below zero (a debt the next takers
-- wait out); it never exceeds its burst.
CREATE FUNCTION ${flyway:defaultSchema}.settle_tokens(p_name text, p_returned double precision)
    RETURNS void
    LANGUAGE sql VOLATILE SET search_path = pg_catalog, pg_temp AS $$
    UPDATE ${flyway:defaultSchema}.rate_limits r SET tokens = least(r.burst, r.tokens + p_returned)
     WHERE r.name = p_name;
$$;

-- The claim of a queue with key rules or claim rate limits: picks up to p_limit due pending jobs,
-- best first, that every rule lets start now, and locks them. Returns NULL when the queue has
-- neither (the claim statement then takes its set-based path), else the picked ids and, when a
-- rate limit stopped the pick, the seconds until its next token.
--
-- Claims of such a queue take turns: the key rules' rows and the buckets are locked first (in a
-- fixed order); every count below is a new statement of this VOLATILE function, so it sees what
-- the previous claim (committed while we waited) set running. The scan walks the queue's pending
-- jobs in claim order (jobs_claim_idx) and skips, without a lookup, the keys found full: its cost
-- is the batch plus the pending jobs of full keys ahead of it, at most scan_bound rows.
-- p_room_kinds / p_rooms: the room under the caps of claim_room (kind NULL: the whole queue).
CREATE FUNCTION ${flyway:defaultSchema}.claim_flow(p_queue text, p_now timestamptz, p_limit integer,
                                                   p_room_kinds text[], p_rooms integer[])
    RETURNS TABLE (ids bigint[], wait_seconds double precision)
    LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    scan_bound   constant integer := 10000;
    t            timestamptz := coalesce(p_now, clock_timestamp());
    rules        ${flyway:defaultSchema}.key_limits[];
    rule         ${flyway:defaultSchema}.key_limits;
    bucket_names text[];
    bucket_left  double precision[];
    bucket_wait  double precision[];
    i            integer;
    want         integer := p_limit;
    picked       bigint[] := '{}';
    scanned      integer := 0;
    full_keys    text[] := '{}';
    full_kinds   text[] := '{}';
    key_names    text[] := '{}';
    head_keys    text[] := '{}';
    head_ids     bigint[] := '{}';
    key_counts   integer[] := '{}';
    kind_names   text[] := '{}';
    kind_counts  integer[] := '{}';
    paused       text[];
    wait         double precision;
    stopped_by_rate boolean := false;
    c            record;
    n            integer;
    head         bigint;
    qb           integer;
    kb           integer;
    kr           integer;
    left_now     double precision;
    interval_s   double precision;
BEGIN
    rules := ARRAY(SELECT k FROM ${flyway:defaultSchema}.key_limits k WHERE k.queue = p_queue
                    ORDER BY coalesce(k.kind, '') FOR UPDATE);
    bucket_names := ARRAY(SELECT r.name FROM ${flyway:defaultSchema}.rate_limits r
                           WHERE r.name = 'queue:' || p_queue OR r.name LIKE 'queue:' || p_queue || ':%'
                           ORDER BY r.name);
    IF cardinality(rules) = 0 AND cardinality(bucket_names) = 0 THEN
        RETURN QUERY SELECT NULL::bigint[], NULL::double precision;
        RETURN;
    END IF;
    IF EXISTS (SELECT 1 FROM ${flyway:defaultSchema}.pauses z
                WHERE z.queue = p_queue AND z.kind IS NULL AND (z.until IS NULL OR z.until > t)) THEN
        RETURN QUERY SELECT '{}'::bigint[], NULL::double precision;
        RETURN;
    END IF;
    paused := ARRAY(SELECT z.kind FROM ${flyway:defaultSchema}.pauses z
                     WHERE z.queue = p_queue AND z.kind IS NOT NULL AND (z.until IS NULL OR z.until > t));
    kr := array_position(p_room_kinds, NULL);
    IF kr IS NOT NULL THEN
        want := least(want, p_rooms[kr]);
    END IF;
    -- Each bucket's tokens now; whole ones are taken for real once the pick is known. A bucket
    -- that stops the pick says when its next whole token is due: (taken + 1 - tokens) intervals.
    bucket_left := '{}';
    bucket_wait := '{}';
    FOR i IN 1 .. cardinality(bucket_names) LOOP
        SELECT least(r.burst, r.tokens + extract(epoch FROM greatest(t, r.refilled_at) - r.refilled_at)
                                         * r.permits / r.per_seconds),
               r.per_seconds / r.permits
          INTO left_now, interval_s
          FROM ${flyway:defaultSchema}.rate_limits r WHERE r.name = bucket_names[i] FOR UPDATE;
        bucket_left := bucket_left || left_now;
        bucket_wait := bucket_wait || interval_s;
    END LOOP;
    qb := array_position(bucket_names, 'queue:' || p_queue);
    IF qb IS NOT NULL AND floor(bucket_left[qb]) < want THEN
        want := greatest(floor(bucket_left[qb]), 0)::integer;
        stopped_by_rate := true;
    END IF;
    IF want <= 0 THEN
        RETURN QUERY SELECT '{}'::bigint[],
                            CASE WHEN stopped_by_rate THEN (1 - bucket_left[qb]) * bucket_wait[qb] END;
        RETURN;
    END IF;

    FOR c IN SELECT p.id, p.kind, p.concurrency_key
               FROM ${flyway:defaultSchema}.jobs p
              WHERE p.status = 'pending' AND p.queue = p_queue AND p.scheduled_at <= t
                AND p.kind <> ALL (paused)
              ORDER BY p.priority DESC, p.scheduled_at, p.id
    LOOP
        scanned := scanned + 1;
        EXIT WHEN scanned > scan_bound;
        CONTINUE WHEN c.kind = ANY (full_kinds);
        -- the kind's cap and bucket
        kr := array_position(p_room_kinds, c.kind);
        kb := array_position(bucket_names, 'queue:' || p_queue || ':' || c.kind);
        i := array_position(kind_names, c.kind);
        n := CASE WHEN i IS NULL THEN 0 ELSE kind_counts[i] END;
        IF (kr IS NOT NULL AND n >= p_rooms[kr]) OR (kb IS NOT NULL AND n >= floor(bucket_left[kb])) THEN
            IF kb IS NOT NULL AND n >= floor(bucket_left[kb]) THEN
                stopped_by_rate := true;
                wait := least(coalesce(wait, 'Infinity'), (n + 1 - bucket_left[kb]) * bucket_wait[kb]);
            END IF;
            full_kinds := full_kinds || c.kind;
            CONTINUE;
        END IF;
        -- the key's rule: the kind's own, else the queue's
        rule := NULL;
        IF c.concurrency_key IS NOT NULL THEN
            SELECT * INTO rule FROM unnest(rules) r WHERE r.kind = c.kind;
            IF NOT FOUND THEN
                SELECT * INTO rule FROM unnest(rules) r WHERE r.kind IS NULL;
            END IF;
        END IF;
        IF rule.queue IS NOT NULL THEN
            CONTINUE WHEN c.concurrency_key = ANY (full_keys);
            i := array_position(key_names, c.concurrency_key);
            IF i IS NOT NULL THEN
                n := key_counts[i];
            ELSE
                SELECT count(*) INTO n FROM ${flyway:defaultSchema}.jobs r
                 WHERE r.queue = p_queue AND r.concurrency_key = c.concurrency_key AND r.status = 'running';
            END IF;
            IF n >= rule.max_per_key THEN
                full_keys := full_keys || c.concurrency_key;
                CONTINUE;
            END IF;
            IF rule.ordered THEN
                -- only the key's first unfinished job may start; it may come later in this scan
                -- (a lower priority, a retry due later than the key's next jobs) or not at all (a
                -- retry not due yet), and the key's other jobs are passed over without a lookup
                i := array_position(head_keys, c.concurrency_key);
                IF i IS NULL THEN
                    SELECT r.id INTO head FROM ${flyway:defaultSchema}.jobs r
                     WHERE r.queue = p_queue AND r.concurrency_key = c.concurrency_key AND r.status = 'pending'
                     ORDER BY r.id LIMIT 1;
                    head_keys := head_keys || c.concurrency_key;
                    head_ids := head_ids || head;
                    i := cardinality(head_keys);
                END IF;
                CONTINUE WHEN head_ids[i] IS DISTINCT FROM c.id;
            END IF;
        END IF;
        -- a row another transaction holds (an operator's retry or cancel) is passed over
        PERFORM 1 FROM ${flyway:defaultSchema}.jobs l WHERE l.id = c.id AND l.status = 'pending'
           FOR UPDATE SKIP LOCKED;
        CONTINUE WHEN NOT FOUND;
        picked := picked || c.id;
        IF rule.queue IS NOT NULL THEN
            i := array_position(key_names, c.concurrency_key);
            IF i IS NULL THEN
                key_names := key_names || c.concurrency_key;
                key_counts := key_counts || (n + 1);
            ELSE
                key_counts[i] := n + 1;
            END IF;
        END IF;
        i := array_position(kind_names, c.kind);
        IF i IS NULL THEN
            kind_names := kind_names || c.kind;
            kind_counts := kind_counts || 1;
        ELSE
            kind_counts[i] := kind_counts[i] + 1;
        END IF;
        EXIT WHEN cardinality(picked) >= want;
    END LOOP;

    -- Take the tokens of what was picked: one per job from the queue's bucket and from its kind's.
    FOR i IN 1 .. cardinality(bucket_names) LOOP
        IF i = qb THEN
            n := cardinality(picked);
        ELSE
            kr := array_position(kind_names, substr(bucket_names[i], length('queue:' || p_queue || ':') + 1));
            n := CASE WHEN kr IS NULL THEN 0 ELSE kind_counts[kr] END;
        END IF;
        PERFORM ${flyway:defaultSchema}.take_tokens(bucket_names[i], n, true, p_now);
    END LOOP;
    IF stopped_by_rate AND qb IS NOT NULL AND cardinality(picked) >= want THEN
        wait := least(coalesce(wait, 'Infinity'), (cardinality(picked) + 1 - bucket_left[qb]) * bucket_wait[qb]);
    END IF;
    RETURN QUERY SELECT picked, wait;
END
$$;

-- A job leaving 'running' frees room under a cap or for its key: wake the queue's workers. Replaces
-- the version 7 function: queues with key rules are woken too.
CREATE OR REPLACE FUNCTION ${flyway:defaultSchema}.notify_room_freed() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM ${flyway:defaultSchema}.limits l WHERE l.queue = NEW.queue)
       OR (NEW.concurrency_key IS NOT NULL
           AND EXISTS (SELECT 1 FROM ${flyway:defaultSchema}.key_limits k WHERE k.queue = NEW.queue)) THEN
        PERFORM pg_notify(TG_TABLE_SCHEMA || '.jobs', NEW.queue);
    END IF;
    RETURN NULL;
END
$$;

-- enqueue() takes the key as p_concurrency_key from schema version 13 on, which replaces the
-- function once with both of its new parameters; until then the app sets the column in its INSERT.
