SELECT id, at, actor, action, target, filter::text AS filter, jobs, detail
  FROM {schema}.audit
 ORDER BY id DESC
 LIMIT :limit
