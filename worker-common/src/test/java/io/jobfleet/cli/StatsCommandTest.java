package io.jobfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.testing.JobsInEveryState;
import io.jobfleet.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StatsCommandTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    @BeforeAll
    static void fixture() {
        JobsInEveryState.insert(DB);
    }

    @Test
    void jsonHasCountsLagDurationsFailureRateAndThroughputPerQueue() {
        Cli.Result r = Cli.run(DB, "stats", "--json");
        assertThat(r.exit()).as(r.toString()).isZero();
        JsonNode root = r.json();
        assertThat(root.get("window_seconds").asLong()).isEqualTo(900);
        JsonNode alpha = root.get("queues").get(0);
        assertThat(alpha.get("queue").asText()).isEqualTo("alpha");
        JsonNode counts = alpha.get("counts");
        assertThat(counts.get("due").asLong()).isEqualTo(3);
        assertThat(counts.get("scheduled").asLong()).isEqualTo(2);
        assertThat(counts.get("pending").asLong()).isEqualTo(5);
        assertThat(counts.get("running").asLong()).isEqualTo(4);
        assertThat(counts.get("completed").asLong()).isEqualTo(3);
        assertThat(counts.get("failed").asLong()).isEqualTo(4);
        assertThat(counts.get("cancelled").asLong()).isEqualTo(2);
        assertThat(alpha.get("lag_seconds").asDouble()).isBetween(300.0, 330.0);
        JsonNode w = alpha.get("window");
        assertThat(w.get("completed").asLong()).isEqualTo(2);
        assertThat(w.get("failed").asLong()).isEqualTo(3);
        assertThat(w.get("avg_duration_seconds").asDouble()).isCloseTo(6.0, within(0.01));
        assertThat(w.get("p95_duration_seconds").asDouble()).isCloseTo(9.6, within(0.01));
        assertThat(w.get("failure_rate").asDouble()).isCloseTo(0.6, within(0.001));
        assertThat(w.get("throughput_per_minute").asDouble()).isCloseTo(5 / 15.0, within(0.001));

        JsonNode documents = root.get("queues").get(1);
        assertThat(documents.get("queue").asText()).isEqualTo("documents");
        assertThat(documents.get("counts").get("due").asLong()).isEqualTo(2);
        assertThat(documents.get("lag_seconds").asDouble()).isBetween(1200.0, 1230.0);
        assertThat(documents.get("window").get("failure_rate").isNull()).isTrue();
        assertThat(documents.get("window").get("p95_duration_seconds").isNull()).isTrue();
    }

    @Test
    void tableShowsOneLinePerQueue() {
        Cli.Result r = Cli.run(DB, "stats", "--window", "1h");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("over the last 1h");
        String[] lines = r.out().split("\n");
        assertThat(lines[1]).startsWith("QUEUE").contains("DUE", "RUNNING", "LAG", "P95", "FAIL%", "PER MIN");
        assertThat(lines[2]).startsWith("alpha").contains("5m", "6.0s", "9.6s", "60.0%");
        assertThat(lines[3]).startsWith("documents").contains("20m");
    }

    @Test
    void aQueueFilterShowsOnlyThatQueueAndZerosForAnUnknownOne() {
        JsonNode only = Cli.run(DB, "stats", "--queue", "documents", "--json").json().get("queues");
        assertThat(only).hasSize(1);
        assertThat(only.get(0).get("queue").asText()).isEqualTo("documents");

        Cli.Result none = Cli.run(DB, "stats", "--queue", "nope", "--json");
        assertThat(none.exit()).isZero();
        JsonNode empty = none.json().get("queues").get(0);
        assertThat(empty.get("queue").asText()).isEqualTo("nope");
        assertThat(empty.get("counts").get("pending").asLong()).isZero();
    }

    @Test
    void badWindowIsAUsageError() {
        assertThat(Cli.run(DB, "stats", "--window", "0s").exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(Cli.run(DB, "stats", "--window", "soon").exit()).isEqualTo(ExitCodes.USAGE);
    }
}
