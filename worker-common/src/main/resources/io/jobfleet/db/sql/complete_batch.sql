-- Fenced completion of many attempts in one statement (jobs whose handlers wrote nothing but
-- their result): only rows still running, held by this worker, on the same attempt are completed,
-- each with the result at its position in :results; their checkpoints are deleted with them.
-- Returns the ids it completed.
WITH {held_locked},
done AS (
    UPDATE {schema}.jobs j
       SET status       = 'completed',
           result       = CAST((CAST(:results AS text[]))[locked.i] AS jsonb),
           completed_at = now(),
           updated_at   = now(),
           lease_until  = NULL
      FROM locked
     WHERE j.id = locked.id
    RETURNING j.id
), cleared AS (
    DELETE FROM {schema}.checkpoints c USING done WHERE c.job_id = done.id
)
SELECT id FROM done
