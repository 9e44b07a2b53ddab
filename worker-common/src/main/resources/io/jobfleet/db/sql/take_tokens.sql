-- Take tokens of a named bucket (all or nothing), on the database's clock or the test's :now.
SELECT t.granted, t.wait_seconds
  FROM {schema}.take_tokens(CAST(:name AS text), CAST(:wanted AS float8), false, CAST(:now AS timestamptz)) t
