package io.jobfleet.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobfleet.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * However many named buckets handlers keep (one per tenant, say), a claim looks up its queue's
 * buckets through an index: the names from {@code queue:<queue>:} on, in byte order (schema version
 * 21). Before, the lookup was a LIKE pattern computed in the statement, and every claim of every
 * queue read the whole table.
 */
class BucketLookupPlanTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    private static final int BUCKETS = 5000;

    @BeforeAll
    static void manyBucketsOfOtherNames() {
        DB.db().jdbi().useHandle(h -> {
            h.execute("INSERT INTO " + DB.table("rate_limits") + " (name, permits, per_seconds, burst, tokens)"
                    + " SELECT 'tenant:' || i, 10, 1, 10, 10 FROM generate_series(1, " + BUCKETS + ") i");
            h.execute("INSERT INTO " + DB.table("rate_limits") + " (name, permits, per_seconds, burst, tokens)"
                    + " VALUES ('queue:other:k', 1, 1, 1, 1)");
            h.execute("INSERT INTO " + DB.jobs() + " (queue, kind) SELECT 'q', 'k' FROM generate_series(1, 20)");
            h.execute("ANALYZE " + DB.table("rate_limits"));
            h.execute("ANALYZE " + DB.jobs());
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"claim_plain", "claim"})
    void theClaimFindsTheQueuesBucketsThroughAnIndex(String statement) {
        String plan = ClaimExplain.plan(DB, statement, "ANALYZE, COSTS OFF", "force_generic_plan", 10);

        assertThat(plan).contains("rate_limits_name_bytes_idx").doesNotContain("Seq Scan on rate_limits");
    }
}
