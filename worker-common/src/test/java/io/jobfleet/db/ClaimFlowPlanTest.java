package io.jobfleet.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.engine.Payloads;
import io.jobfleet.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The claim stays O(batch) with flow control: whatever pauses and caps hold, it reads the pending
 * jobs of its queue through the claim index, no more rows than it takes (plus the jobs of a
 * paused or full kind in front of them), and a paused queue reads none. Measured with EXPLAIN
 * ANALYZE on a large queue, rolled back.
 */
class ClaimFlowPlanTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    private static final int PENDING = 4000;
    private static final int LIMIT = 10;

    @BeforeAll
    static void aLargeQueueOfTwoKinds() {
        DB.db().jdbi().useHandle(h -> {
            h.execute("INSERT INTO " + DB.jobs() + " (queue, kind) SELECT 'q', CASE WHEN i % 2 = 0 THEN 'a' ELSE 'b' END"
                    + " FROM generate_series(1, " + PENDING + ") i");
            h.execute("ANALYZE " + DB.jobs());
        });
    }

    @AfterEach
    void noFlowControl() {
        DB.execute("DELETE FROM " + DB.table("pauses") + "; DELETE FROM " + DB.table("limits"));
    }

    @Test
    void withoutFlowControlTheClaimReadsItsBatch() {
        Claimed c = explainClaim();

        assertThat(c.taken()).isEqualTo(LIMIT);
        assertThat(c.pendingRead()).as(c.plan()).isEqualTo(LIMIT);
        assertThat(c.plan()).contains("\"jobs_pkey\"");
        assertThat(c.functionsRun()).as("a plain queue's claim calls no PL/pgSQL function").isEmpty();
    }

    @Test
    void thePlainClaimOfAQueueWithoutRulesReadsItsBatch() {
        Claimed c = explainClaim("claim_plain");

        assertThat(c.plan()).as("the generic plan, planned for any queue").contains("= $1");
        assertThat(c.taken()).isEqualTo(LIMIT);
        assertThat(c.pendingRead()).as(c.plan()).isEqualTo(LIMIT);
        assertThat(c.plan()).contains("\"jobs_pkey\"");
        assertThat(c.functionsRun()).isEmpty();
    }

    @Test
    void thePlainClaimOfAPausedQueueReadsNoJob() {
        DB.execute("INSERT INTO " + DB.table("pauses") + " (queue, kind, reason) VALUES ('q', 'a', 'provider down')");

        Claimed c = explainClaim("claim_plain");

        assertThat(c.taken()).as("one row: the queue has rules").isEqualTo(1);
        assertThat(c.pendingRead()).isZero();
    }

    @Test
    void aPausedQueueReadsNoJob() {
        DB.execute("INSERT INTO " + DB.table("pauses") + " (queue, reason) VALUES ('q', 'incident')");

        Claimed c = explainClaim();

        assertThat(c.taken()).isZero();
        assertThat(c.pendingRead()).isZero();
    }

    @Test
    void aPausedKindIsSkippedAsTheScanMeetsIt() {
        DB.execute("INSERT INTO " + DB.table("pauses") + " (queue, kind, reason) VALUES ('q', 'a', 'provider down')");

        Claimed c = explainClaim();

        assertThat(c.taken()).isEqualTo(LIMIT);
        // every other job is of kind a: the scan reads about twice the batch
        assertThat(c.pendingRead()).isBetween((long) LIMIT, 2L * LIMIT + 2);
    }

    @Test
    void capsOfTheQueueAndOfAKindReadNoMoreThanTheirRoom() {
        DB.execute("INSERT INTO " + DB.table("limits") + " (queue, kind, max_running) VALUES ('q', NULL, 6), ('q', 'a', 2)");

        Claimed c = explainClaim();

        assertThat(c.taken()).isEqualTo(6);
        assertThat(c.pendingRead()).isLessThanOrEqualTo(6 + 2 + 6);
        assertThat(c.functionsRun()).containsExactly("claim_room");
        assertThat(c.plan()).contains("\"jobs_pkey\"");
    }

    /** The plan, the rows it took, and the pending rows read through the claim index. */
    record Claimed(String plan, long taken, long pendingRead, List<String> functionsRun) {
    }

    private static Claimed explainClaim() {
        return explainClaim("claim");
    }

    private static Claimed explainClaim(String statement) {
        // the plan a worker runs: its claim is a prepared statement, planned once for any values
        String plan = ClaimExplain.plan(DB, statement, "ANALYZE, FORMAT JSON", "force_generic_plan", LIMIT);
        JsonNode root = Payloads.tree(plan).get(0).get("Plan");
        List<JsonNode> claimScans = new ArrayList<>();
        collect(root, claimScans);
        long read = claimScans.stream().mapToLong(n -> n.path("Actual Rows").asLong() * n.path("Actual Loops").asLong()).sum();
        List<String> functions = new ArrayList<>();
        functionsRun(root, functions);
        return new Claimed(plan, root.path("Actual Rows").asLong(), read, functions);
    }

    private static void collect(JsonNode node, List<JsonNode> claimScans) {
        if ("jobs_claim_idx".equals(node.path("Index Name").asText())) {
            claimScans.add(node);
        }
        for (JsonNode child : node.path("Plans")) {
            collect(child, claimScans);
        }
    }

    /** The PL/pgSQL functions the claim ran (function scans executed at least once). */
    private static void functionsRun(JsonNode node, List<String> names) {
        if ("Function Scan".equals(node.path("Node Type").asText()) && node.path("Actual Loops").asLong() > 0) {
            names.add(node.path("Function Name").asText());
        }
        for (JsonNode child : node.path("Plans")) {
            functionsRun(child, names);
        }
    }
}
