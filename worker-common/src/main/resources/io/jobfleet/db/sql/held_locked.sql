-- Fragment, included after WITH where a statement names it (see NamedSql): the given attempts
-- (ids and claim tokens arrays) this worker still holds: rows still running, locked by it, with
-- the claim token at the same position (a token is never drawn twice, so a stale attempt never
-- matches, even after a retry reset the attempts).
-- They are locked in id order, as in every statement that updates several held jobs, so two of
-- them running at once never deadlock. They are found by id alone (= ANY, the primary key) and
-- their attempt by position, never by joining the list with the table: with statistics that saw
-- no running job, such a join read every running job once per held one. i is the position.
locked AS MATERIALIZED (
    SELECT j.id, pg_catalog.array_position(CAST(:ids AS bigint[]), j.id) AS i
      FROM {schema}.jobs j
     WHERE j.id = ANY (CAST(:ids AS bigint[]))
       AND j.claim_token = (CAST(:tokens AS bigint[]))[pg_catalog.array_position(CAST(:ids AS bigint[]), j.id)]
       AND j.locked_by = :worker AND j.status = 'running'
     ORDER BY j.id
       FOR NO KEY UPDATE OF j
)
