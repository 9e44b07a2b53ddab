-- Fenced progress of one attempt: written only while this worker holds it (its claim token) and
-- the job is running. The job-events trigger (V11) notifies listeners of the change.
UPDATE {schema}.jobs
   SET progress = pg_catalog.jsonb_build_object('done', CAST(:done AS bigint), 'total', CAST(:total AS bigint),
                                                'stage', CAST(:stage AS text), 'at', CAST(:at AS timestamptz))
 WHERE id = :id AND claim_token = :token AND locked_by = :worker AND status = 'running'
RETURNING id
