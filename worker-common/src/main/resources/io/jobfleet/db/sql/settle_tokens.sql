-- Give back (positive) or take (negative) tokens after the fact.
SELECT {schema}.settle_tokens(CAST(:name AS text), CAST(:returned AS float8))
