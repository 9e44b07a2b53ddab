-- The console's jobs list: newest first, one page at a time by keyset, so a page deep in a table
-- of millions costs what the first does. ORDER BY id DESC with a LIMIT walks the primary key
-- backwards from :beforeId and stops at the page; it never goes below :floorId, so a filter that
-- matches few rows (or none) reads at most :beforeId - :floorId rows of the key and table, and
-- the caller offers the stretch below as the next page. Unset filters are null. The payload
-- filter compares one top-level field as text (payload.user_id = u-7), and only a scalar one
-- (string, number, boolean): an object or array never matches, since its text would hold its
-- nested fields, secret ones included, and let a filter confirm them. The error class is that
-- of the last failed attempt in errors.
SELECT j.id, j.queue, j.kind, j.status, j.attempts, j.max_attempts, j.created_at, j.updated_at,
       j.completed_at, j.errors -> -1 ->> 'class' AS error_class, pg_catalog.left(j.last_error, 300) AS last_error
  FROM {schema}.jobs j
 WHERE (CAST(:id AS bigint) IS NULL OR j.id = :id)
   AND j.id < :beforeId
   AND j.id >= :floorId
   AND (CAST(:queue AS text) IS NULL OR j.queue = :queue)
   AND (CAST(:kind AS text) IS NULL OR j.kind = :kind)
   AND (CAST(:status AS text) IS NULL OR j.status = :status)
   AND (CAST(:errorClass AS text) IS NULL OR j.errors -> -1 ->> 'class' = :errorClass)
   AND (CAST(:createdFrom AS timestamptz) IS NULL OR j.created_at >= :createdFrom)
   AND (CAST(:createdTo AS timestamptz) IS NULL OR j.created_at < :createdTo)
   AND (CAST(:payloadKey AS text) IS NULL
        OR (pg_catalog.jsonb_typeof(j.payload -> CAST(:payloadKey AS text)) IN ('string', 'number', 'boolean')
            AND j.payload ->> CAST(:payloadKey AS text) = :payloadValue))
 ORDER BY j.id DESC
 LIMIT :limit
