SELECT coalesce(CAST(:now AS timestamptz), now())
