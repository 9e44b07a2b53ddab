-- jobfleet schema, version 14: a rule's key field is found in the payload in either spelling.
--
-- Apps write their payloads in snake_case or in camelCase ({"conversationId": "c-17"}); a rule
-- naming conversation_id left a camelCase job without a key, so it ran unordered, at the same time
-- as the jobs of its key. The key is now the field as the rule names it, else its camelCase
-- spelling (conversation_id -> conversationId): both spellings of one value give one key. Only the
-- body changes; CREATE OR REPLACE keeps the owner and the grants, and the attributes are restated
-- (SECURITY DEFINER: the app's role inserts jobs and needs no privilege on key_limits).
CREATE OR REPLACE FUNCTION ${flyway:defaultSchema}.derive_concurrency_key() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    field text;
    camel text;
BEGIN
    SELECT k.key_field INTO field
      FROM ${flyway:defaultSchema}.key_limits k
     WHERE k.queue = NEW.queue AND (k.kind IS NULL OR k.kind = NEW.kind) AND k.key_field IS NOT NULL
     ORDER BY k.kind NULLS LAST
     LIMIT 1;
    IF field IS NULL THEN
        RETURN NEW;
    END IF;
    IF jsonb_typeof(NEW.payload -> field) IN ('string', 'number', 'boolean') THEN
        NEW.concurrency_key := nullif(left(NEW.payload ->> field, 256), '');
        RETURN NEW;
    END IF;
    -- each part after an underscore starts upper case; the rest of the name is kept as it is
    camel := (SELECT string_agg(CASE WHEN s.n = 1 THEN s.part ELSE upper(left(s.part, 1)) || substr(s.part, 2) END,
                                '' ORDER BY s.n)
                FROM unnest(string_to_array(field, '_')) WITH ORDINALITY AS s(part, n));
    IF camel <> field AND jsonb_typeof(NEW.payload -> camel) IN ('string', 'number', 'boolean') THEN
        NEW.concurrency_key := nullif(left(NEW.payload ->> camel, 256), '');
    END IF;
    RETURN NEW;
END
$$;
