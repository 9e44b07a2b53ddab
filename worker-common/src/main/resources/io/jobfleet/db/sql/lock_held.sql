-- Fence: lock the job row for the rest of the transaction, only while this worker still holds
-- this attempt (its claim token). No rescue, cancel or other worker can change the row until we commit.
SELECT id
  FROM {schema}.jobs
 WHERE id = :id AND claim_token = :token AND locked_by = :worker AND status = 'running'
   FOR NO KEY UPDATE
