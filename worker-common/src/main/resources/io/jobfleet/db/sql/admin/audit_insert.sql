INSERT INTO {schema}.audit (actor, action, target, filter, jobs, detail)
VALUES (:actor, :action, :target, CAST(:filter AS jsonb), :jobs, :detail)
RETURNING id
