-- Fragment, included by both claim statements (claim.sql, claim_plain.sql; see NamedSql) after
-- RETURNING: the columns of each row a claim took, which QueueSql reads by name.
j.id, j.queue, j.kind, j.payload::text AS payload, j.priority, j.attempts,
          j.max_attempts, j.timeout_seconds, j.scheduled_at, j.created_at,
          j.claim_token, j.traceparent