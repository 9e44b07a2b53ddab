-- A cap or a key rule set while jobs of its queue run: their end frees room under it, so it must
-- wake the queue's workers. The claim marks the jobs it starts (frees_room, schema version 17);
-- this marks those that started before the rule: every running job of the queue (of the kind,
-- when the rule is a kind's), or for a key rule only those with a key. Rows are locked in id
-- order, as by every statement that updates several running jobs, so it never deadlocks with a
-- worker's heartbeat or batch completion; a job that ended meanwhile is left as it is.
WITH marked AS MATERIALIZED (
    SELECT j.id
      FROM {schema}.jobs j
     WHERE j.queue = :queue AND j.status = 'running' AND NOT j.frees_room
       AND (CAST(:kind AS text) IS NULL OR j.kind = :kind)
       AND (NOT CAST(:keyed AS boolean) OR j.concurrency_key IS NOT NULL)
     ORDER BY j.id
       FOR NO KEY UPDATE OF j
)
UPDATE {schema}.jobs j
   SET frees_room = true
  FROM marked m
 WHERE j.id = m.id
