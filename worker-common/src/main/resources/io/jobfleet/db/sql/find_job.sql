SELECT id, queue, kind, status, payload::text AS payload, result::text AS result, priority,
       attempts, max_attempts, timeout_seconds, scheduled_at, dedup_key, locked_by, lease_until,
       last_error, errors::text AS errors, created_at, updated_at, started_at, completed_at,
       progress::text AS progress
  FROM {schema}.jobs
 WHERE id = :id
