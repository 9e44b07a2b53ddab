package io.jobfleet.db;

import io.jobfleet.db.GenericPlan.Param;
import io.jobfleet.testing.TestDatabase;
import java.util.List;

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
     * claim}, {@code claim_plain}); the generic plan as {@link GenericPlan} explains it.
     */
    static String plan(TestDatabase db, String statement, String options, String planCacheMode, int limit) {
        if (GENERIC.equals(planCacheMode)) {
            return GenericPlan.explain(db, statement, options, List.of(new Param("queue", "text", "'q'"),
                    new Param("worker", "text", "'w1'"), new Param("limit", "int", Integer.toString(limit)),
                    new Param("leaseSeconds", "float8", "15"), new Param("now", "timestamptz", "NULL")));
        }
        String sql = NamedSql.load(statement, db.config().schema());
        return db.db().jdbi().withHandle(h -> {
            h.begin();
            try {
                h.execute("SET LOCAL plan_cache_mode = " + planCacheMode);
                return h.createQuery("EXPLAIN (" + options + ") " + sql)
                        .bind("now", (Object) null).bind("queue", "q").bind("worker", "w1").bind("limit", limit)
                        .bind("leaseSeconds", 15.0)
                        .mapTo(String.class).one();
            } finally {
                h.rollback();
            }
        });
    }
}
