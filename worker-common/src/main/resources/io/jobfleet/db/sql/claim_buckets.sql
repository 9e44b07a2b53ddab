-- Fragment, included by both claim statements (claim_plain.sql, claim.sql; see NamedSql): whether
-- :queue has a claim rate, a bucket named `queue:<queue>` or `queue:<queue>:<kind>`. The first is
-- found by the primary key, the others as the first name from `queue:<queue>:` on in byte order
-- (collation "C", the index of schema version 21): two index probes however many buckets handlers
-- keep, and `_` or `%` in a queue's name match only themselves. Written as one EXISTS over an OR of
-- the two, the generic plan read the whole table (it plans for a first match found early).
(EXISTS (SELECT 1 FROM {schema}.rate_limits b WHERE b.name = 'queue:' || CAST(:queue AS text))
 OR (SELECT b.name FROM {schema}.rate_limits b
      WHERE b.name COLLATE "C" >= 'queue:' || CAST(:queue AS text) || ':'
        AND b.name COLLATE "C" < 'queue:' || CAST(:queue AS text) || ';'
      ORDER BY b.name COLLATE "C" LIMIT 1) IS NOT NULL)