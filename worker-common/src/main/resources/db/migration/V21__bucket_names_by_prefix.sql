-- jobfleet schema, version 21: a queue's claim buckets are found by their names' prefix as bytes,
-- through an index, and only its own.
--
-- A queue's buckets are `queue:<queue>` and `queue:<queue>:<kind>`. The claim (claim_plain.sql,
-- claim.sql) and claim_flow() looked for the kinds' buckets with
-- `name LIKE 'queue:' || queue || ':%'`, which went wrong two ways:
-- - in LIKE, `_` and `%` are wildcards, and queue names hold them (`send_email`): the bucket of
--   another queue (`queue:send-email:sms`) counted as one of this queue's. Its plain claim then
--   took the longer flow-controlled path, and claim_flow() took that other queue's tokens for the
--   jobs of this one's kind of the same name, and locked its bucket.
-- - a pattern computed in the statement cannot use the primary key's index (of the database's
--   collation, where a prefix is not a range of the index), so every claim of every queue read the
--   whole table. Handlers may keep a bucket per tenant (`database.rates()`): with 10,000 buckets
--   the plain claim of a queue without any took 1.9 to 3.2 ms more (docs/benchmarks.md, "A queue's
--   buckets: schema version 21").
-- The names starting with `queue:<queue>:` are exactly those from that prefix up to the same with
-- its last byte, `:`, raised to `;`, when names compare byte by byte (collation "C"); an index of
-- the names in that collation serves the range. The claim statements and claim_flow() use it;
-- claim_flow() is otherwise that of version 10: it still locks the buckets in the order of their
-- names in the table's collation, as the claims of workers of the previous release do (two orders
-- could deadlock two claims while both releases run), and its ROWS 1 of version 18 and its
-- search_path of version 9 are repeated (CREATE OR REPLACE resets what its text does not say).
CREATE INDEX rate_limits_name_bytes_idx ON ${flyway:defaultSchema}.rate_limits (name COLLATE "C");

CREATE OR REPLACE FUNCTION ${flyway:defaultSchema}.claim_flow(p_queue text, p_now timestamp with time zone, p_limit integer, p_room_kinds text[], p_rooms integer[])
 RETURNS TABLE(ids bigint[], wait_seconds double precision)
 LANGUAGE plpgsql
 ROWS 1
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
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
    -- in the order of version 10 (the order the claims lock them in, whichever version runs them)
    bucket_names := ARRAY(SELECT b.name
                            FROM (SELECT r.name FROM ${flyway:defaultSchema}.rate_limits r
                                   WHERE r.name = 'queue:' || p_queue
                                  UNION ALL
                                  SELECT r.name FROM ${flyway:defaultSchema}.rate_limits r
                                   WHERE r.name COLLATE "C" >= 'queue:' || p_queue || ':'
                                     AND r.name COLLATE "C" < 'queue:' || p_queue || ';') b
                           ORDER BY b.name);
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
$function$;
