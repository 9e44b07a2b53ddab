-- jobfleet schema, version 14: a rule's key field is found in the payload in either spelling.
--
-- Apps write their payloads in snake_case or in camelCase ({"conversationId": "c-17"}); a rule
-- naming conversation_id left a camelCase job without a key, so it ran unordered, at the same time
-- as the jobs of its key. The key is now the field as the rule names it, else its camelCase
-- spelling (conversation_id -> conversationId): both spellings of one value give one key.
--
-- payload_key() is that rule, in one place: the jobs table's trigger and the backfill that runs
-- when a rule is set (key_rule_backfill.sql) both call it. A value that is not a string, number or
-- boolean gives no key; the key is at most 256 characters.
CREATE FUNCTION ${flyway:defaultSchema}.payload_key(p_payload jsonb, p_field text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
    SELECT nullif(left(p_payload ->> f.name, 256), '')
      FROM (SELECT p_field AS name, 1 AS choice
            UNION ALL
            -- each part after an underscore starts upper case; the rest of the name is kept as it is
            SELECT string_agg(CASE WHEN s.n = 1 THEN s.part ELSE upper(left(s.part, 1)) || substr(s.part, 2) END,
                              '' ORDER BY s.n), 2
              FROM unnest(string_to_array(p_field, '_')) WITH ORDINALITY AS s(part, n)) f
     WHERE jsonb_typeof(p_payload -> f.name) IN ('string', 'number', 'boolean')
     ORDER BY f.choice
     LIMIT 1
$$;

-- Only the body changes; CREATE OR REPLACE keeps the owner and the grants, and the attributes are
-- restated (SECURITY DEFINER: the app's role inserts jobs and needs no privilege on key_limits).
CREATE OR REPLACE FUNCTION ${flyway:defaultSchema}.derive_concurrency_key() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    field text;
BEGIN
    SELECT k.key_field INTO field
      FROM ${flyway:defaultSchema}.key_limits k
     WHERE k.queue = NEW.queue AND (k.kind IS NULL OR k.kind = NEW.kind) AND k.key_field IS NOT NULL
     ORDER BY k.kind NULLS LAST
     LIMIT 1;
    IF field IS NOT NULL THEN
        NEW.concurrency_key := ${flyway:defaultSchema}.payload_key(NEW.payload, field);
    END IF;
    RETURN NEW;
END
$$;
