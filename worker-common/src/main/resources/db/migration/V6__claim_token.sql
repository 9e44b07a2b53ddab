-- jobfleet schema, version 6: a claim token that never repeats fences every state change.
--
-- Fenced statements used to recognise the holder of an attempt by (attempts, locked_by). An
-- operator's `retry` or `unlock --force` resets attempts, so a stale attempt of the same worker
-- could match again and complete or write over the new one. Every claim now draws a new token
-- from a sequence, and every fenced statement checks it. A nullable column with no default is
-- added without rewriting the table.
CREATE SEQUENCE ${flyway:defaultSchema}.jobs_claim_token_seq AS bigint;

ALTER TABLE ${flyway:defaultSchema}.jobs ADD COLUMN claim_token bigint;

COMMENT ON COLUMN ${flyway:defaultSchema}.jobs.claim_token IS
    'jobfleet: drawn from jobs_claim_token_seq at every claim; fenced statements match it';
