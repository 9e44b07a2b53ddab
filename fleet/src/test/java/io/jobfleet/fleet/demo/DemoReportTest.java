package io.jobfleet.fleet.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.engine.Payloads;
import io.jobfleet.fleet.demo.DemoReport.JobEnd;
import io.jobfleet.fleet.demo.DemoReport.KindFigures;
import io.jobfleet.fleet.mix.Expectation;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the demo's report compares job ends with the mix's expectations and sums them up per kind. */
class DemoReportTest {
    private static final List<JobEnd> ENDS = List.of(
            new JobEnd(1, "ai.generate", "completed", null, 0, 0, 1.0),
            new JobEnd(2, "ai.generate", "completed", "rate_limited", 2, 0, 3.0),
            new JobEnd(3, "ai.generate", "failed", "quota_exceeded", 0, 0, 0.1),
            new JobEnd(4, "document.extract_requirements", "completed", "worker_lost", 0, 1, 7.0),
            new JobEnd(5, "collection.generate", "failed", "bad_payload", 0, 0, 0.2));

    @Test
    void jobsEndingAsExpectedMakeNoSurprises() {
        DemoReport report = new DemoReport(ENDS, List.of(
                Expectation.completes(1, "ai.generate", "generation"),
                Expectation.completes(2, "ai.generate", "generation"),
                Expectation.fails(3, "ai.generate", "over quota", "quota_exceeded"),
                Expectation.completes(4, "document.extract_requirements", "spec"),
                Expectation.fails(5, "collection.generate", "poison", null)));

        assertThat(report.asExpected()).isTrue();
        assertThat(report.surprises()).isEmpty();
        assertThat(report.expectedFailures()).isEqualTo(2);
        assertThat(report.rescues()).isEqualTo(1);
    }

    @Test
    void aMissingJobAWrongStatusAndAWrongErrorClassAreEachReported() {
        DemoReport report = new DemoReport(ENDS, List.of(
                Expectation.completes(99, "ai.generate", "lost job"),
                Expectation.completes(3, "ai.generate", "should complete"),
                Expectation.fails(5, "collection.generate", "poison", "unknown_kind"),
                Expectation.completes(1, "ai.generate", "fine")));

        assertThat(report.asExpected()).isFalse();
        assertThat(report.surprises()).containsExactly(
                "lost job (job 99): missing",
                "should complete (job 3): failed, expected completed (last error class quota_exceeded)",
                "poison (job 5): failed with bad_payload, expected unknown_kind");
    }

    @Test
    void figuresPerKindCountRetriesRescuesAndPercentilesOfCompletedJobs() {
        DemoReport report = new DemoReport(ENDS, List.of());

        assertThat(report.byKind()).containsExactly(
                new KindFigures("ai.generate", 3, 2, 1, 2, 0, 1.0, 3.0),
                new KindFigures("collection.generate", 1, 0, 1, 0, 0, null, null),
                new KindFigures("document.extract_requirements", 1, 1, 0, 0, 1, 7.0, 7.0));
    }

    @Test
    void percentilesAreNearestRank() {
        List<Double> sorted = List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0);
        assertThat(DemoReport.percentile(sorted, 50)).isEqualTo(5.0);
        assertThat(DemoReport.percentile(sorted, 95)).isEqualTo(10.0);
        assertThat(DemoReport.percentile(List.of(4.0), 95)).isEqualTo(4.0);
        assertThat(DemoReport.percentile(List.of(), 50)).isNull();
    }

    @Test
    void theJsonHoldsTheSameFiguresAsTheTable() {
        DemoReport report = new DemoReport(ENDS, List.of(Expectation.completes(3, "ai.generate", "should complete")));

        JsonNode json = Payloads.tree(Payloads.write(report.toJson()));
        assertThat(json.get("as_expected").asBoolean()).isFalse();
        assertThat(json.get("jobs").asInt()).isOne();
        assertThat(json.get("surprises")).hasSize(1);
        JsonNode ai = json.get("kinds").get("ai.generate");
        assertThat(ai.get("jobs").asInt()).isEqualTo(3);
        assertThat(ai.get("completed").asInt()).isEqualTo(2);
        assertThat(ai.get("failed").asInt()).isOne();
        assertThat(ai.get("retries").asInt()).isEqualTo(2);
        assertThat(ai.get("p95_seconds").asDouble()).isEqualTo(3.0);
        assertThat(json.get("kinds").get("collection.generate").get("p50_seconds").isNull()).isTrue();

        StringWriter table = new StringWriter();
        report.print(new PrintWriter(table, true));
        assertThat(table.toString()).contains("1 job(s) did not end as expected")
                .containsPattern("ai\\.generate\\s+3\\s+2\\s+1\\s+2\\s+0\\s+1[.,]00\\s+3[.,]00");
    }
}
