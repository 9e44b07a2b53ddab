package io.jobfleet.db;

import io.jobfleet.testing.TestDatabase;

/** EXPLAIN of a claim statement as a worker binds it, in a transaction rolled back afterwards. */
final class ClaimExplain {
    private static final String GENERIC = "force_generic_plan";

    private ClaimExplain() {
    }

    /**
     * The plan, as EXPLAIN ({@code options}) prints it, of a claim of up to {@code limit} jobs of
     * queue {@code q} under {@code plan_cache_mode = planCacheMode}; with ANALYZE the claim runs,
     * and is rolled back.
     */
    static String plan(TestDatabase db, String options, String planCacheMode, int limit) {
        return plan(db, "claim", options, planCacheMode, limit);
    }

    /**
     * As {@link #plan(TestDatabase, String, String, int)}, of the named claim statement ({@code
     * claim}, {@code claim_plain}). The generic plan (the one a worker's prepared statement reuses,
     * planned for any values) is that of a {@code PREPARE}d statement: an EXPLAIN with bound values
     * is planned for those values whatever {@code plan_cache_mode} says.
     */
    static String plan(TestDatabase db, String statement, String options, String planCacheMode, int limit) {
        String sql = NamedSql.load(statement, db.config().schema());
        return db.db().jdbi().withHandle(h -> {
            boolean prepared = false;
            h.begin();
            try {
                h.execute("SET LOCAL plan_cache_mode = " + planCacheMode);
                if (GENERIC.equals(planCacheMode)) {
                    h.execute("PREPARE claim_explain (text, text, int, float8, timestamptz) AS " + positional(sql));
                    prepared = true;
                    return String.join("\n", h.createQuery("EXPLAIN (" + options + ") EXECUTE claim_explain"
                            + " ('q', 'w1', " + limit + ", 15, NULL)").mapTo(String.class).list());
                }
                return h.createQuery("EXPLAIN (" + options + ") " + sql)
                        .bind("now", (Object) null).bind("queue", "q").bind("worker", "w1").bind("limit", limit)
                        .bind("leaseSeconds", 15.0)
                        .mapTo(String.class).one();
            } finally {
                h.rollback();
                if (prepared) {
                    h.execute("DEALLOCATE claim_explain");
                }
            }
        });
    }

    /** The claim statements' named parameters as the positional ones of the PREPARE above. */
    private static String positional(String sql) {
        return sql.replace(":queue", "$1").replace(":worker", "$2").replace(":limit", "$3")
                .replace(":leaseSeconds", "$4").replace(":now", "$5");
    }
}
