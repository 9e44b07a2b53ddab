SELECT {schema}.cancel(:id)
