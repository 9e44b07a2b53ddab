package io.jobfleet.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobfleet.config.Pooler;
import io.jobfleet.engine.Payloads;
import io.jobfleet.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A server with JIT compiles any statement estimated above jit_above_cost, again at every
 * execution: about 70 ms for the claim, which itself runs in about one (schema version 18). The
 * claim of a large queue must be estimated well below that threshold, with the values bound (the
 * first executions, and every execution through a transaction-mode pooler) and as the generic plan
 * a worker reuses; and the workers' own connections run with jit off. The embedded server has no
 * JIT, so the estimate is what is checked: it is the same on a server with it.
 */
class ClaimCostTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    private static final int PENDING = 20_000;
    /** PostgreSQL's default jit_above_cost. */
    private static final double JIT_ABOVE_COST = 100_000;

    @BeforeAll
    static void aLargeQueue() {
        DB.db().jdbi().useHandle(h -> {
            h.execute("INSERT INTO " + DB.jobs() + " (queue, kind) SELECT 'q', 'k' FROM generate_series(1, " + PENDING + ")");
            h.execute("ANALYZE " + DB.jobs());
        });
    }

    @Test
    void theClaimOfALargeQueueIsEstimatedFarBelowTheJitThreshold() {
        double custom = claimCost("force_custom_plan");
        double generic = claimCost("force_generic_plan");

        // before version 18: 263,000 and 188,000 on this queue (each flow-control function taken
        // to return 1,000 rows); now about 600
        assertThat(custom).as("with its values").isLessThan(JIT_ABOVE_COST / 20);
        assertThat(generic).as("generic plan").isLessThan(JIT_ABOVE_COST / 20);
        assertThat(claimCost("claim_plain", "force_custom_plan")).as("plain, with its values").isLessThan(JIT_ABOVE_COST / 20);
        assertThat(claimCost("claim_plain", "force_generic_plan")).as("plain, generic plan").isLessThan(JIT_ABOVE_COST / 20);
    }

    @Test
    void theFlowControlFunctionsAreDeclaredToReturnAboutOneRow() {
        var rows = DB.db().jdbi().withHandle(h -> h.createQuery(
                        "SELECT p.proname || ' ' || p.prorows FROM pg_catalog.pg_proc p"
                                + " WHERE p.pronamespace = CAST(:schema AS regnamespace) AND p.proretset ORDER BY 1")
                .bind("schema", DB.config().schema()).mapTo(String.class).list());

        assertThat(rows).containsExactly("claim_flow 1", "claim_room 1", "take_tokens 1");
    }

    @Test
    void aPoolConnectsWithJitOffExceptThroughATransactionModePooler() {
        try (Database direct = DB.openAnother("jit-direct", 2);
             Database pooled = Database.open(DB.config().withPoolSize(2)
                     .withPooler(new Pooler(Pooler.Mode.TRANSACTION, null)), "jit-pooled")) {
            assertThat(show(direct)).isEqualTo("off");
            // through a transaction-mode pooler a session setting would reach other clients'
            // transactions: none is made (the server's default stays)
            assertThat(show(pooled)).isEqualTo(serverDefault());
        }
    }

    private static String show(Database db) {
        return db.jdbi().withHandle(h -> h.createQuery("SHOW jit").mapTo(String.class).one());
    }

    private static String serverDefault() {
        return DB.db().jdbi().withHandle(h -> h.createQuery(
                "SELECT boot_val FROM pg_catalog.pg_settings WHERE name = 'jit'").mapTo(String.class).one());
    }

    /** The claim's estimated total cost under {@code planCacheMode}, as a worker binds it. */
    private static double claimCost(String planCacheMode) {
        return claimCost("claim", planCacheMode);
    }

    /** The named claim statement's estimated total cost under {@code planCacheMode}. */
    private static double claimCost(String statement, String planCacheMode) {
        String plan = ClaimExplain.plan(DB, statement, "FORMAT JSON", planCacheMode, 32);
        return Payloads.tree(plan).get(0).get("Plan").get("Total Cost").asDouble();
    }
}
