-- Resumes a paused schedule from its next slot: the slots that fell due while it was paused are not run.
UPDATE {schema}.schedules SET paused = false, next_run = :nextRun, updated_at = now()
 WHERE name = :name AND paused
