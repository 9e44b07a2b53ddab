-- Fence: lock the job row for the rest of the transaction, only while this worker still holds
-- this attempt. No rescue, cancel or other worker can change the row until we commit.
SELECT id
  FROM {schema}.jobs
 WHERE id = :id AND attempts = :attempt AND locked_by = :worker AND status = 'running'
   FOR NO KEY UPDATE
