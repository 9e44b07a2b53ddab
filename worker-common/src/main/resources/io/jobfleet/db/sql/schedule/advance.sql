-- Moves a schedule past its due slots only if no other process did since this one read it: the
-- compare-and-set that makes every slot enqueued once. A racer's UPDATE waits on this row lock,
-- then re-reads the row, finds next_run moved, and updates nothing (so it enqueues nothing).
UPDATE {schema}.schedules
   SET next_run = :nextRun, last_slot = CAST(:lastSlot AS timestamptz), updated_at = now()
 WHERE name = :name
   AND NOT paused
   AND next_run = :expectedNextRun
   AND last_slot IS NOT DISTINCT FROM CAST(:expectedLastSlot AS timestamptz)
