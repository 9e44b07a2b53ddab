-- Failure writes owed: jobs that ended (cancelled after an attempt started, unlocked to failed by
-- an operator) where nothing ran their family's failure writes. A worker that knows the kind
-- (:kinds) takes a bounded batch (SKIP LOCKED: workers never wait on each other), clears the flag,
-- and runs the writes in the same transaction, so they run once.
-- error_class and message are what JobHandler#onFailed is told.
WITH owed AS MATERIALIZED (
    SELECT id
      FROM {schema}.jobs
     WHERE failure_writes_pending
       AND kind = ANY (CAST(:kinds AS text[]))
     ORDER BY id
     LIMIT :batch
       FOR UPDATE SKIP LOCKED
)
UPDATE {schema}.jobs j
   SET failure_writes_pending = false
  FROM owed
 WHERE j.id = owed.id
RETURNING j.id, j.queue, j.kind, j.status, j.attempts, j.payload::text AS payload,
          CASE WHEN j.status = 'cancelled' THEN 'cancelled'
               ELSE coalesce(j.errors -> -1 ->> 'class', 'unlocked') END AS error_class,
          CASE WHEN j.status = 'cancelled' THEN 'The job was cancelled.'
               ELSE coalesce(j.last_error, 'The job was stopped by an operator.') END AS message
