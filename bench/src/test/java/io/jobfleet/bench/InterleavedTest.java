package io.jobfleet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class InterleavedTest {
    @Test
    void runsTheSystemsInTurnAndReportsEachOnesMedianRun() {
        List<String> order = new ArrayList<>();
        Iterator<Double> a = List.of(300.0, 100.0, 200.0).iterator();
        Iterator<Double> b = List.of(50.0, 70.0, 60.0).iterator();
        Interleaved systems = new Interleaved()
                .add("a", (into, jobs, c) -> {
                    order.add("a");
                    into.add("throughput", "a", "jobs/s c=" + c, a.next(), "jobs/s", "how a");
                })
                .add("b", (into, jobs, c) -> {
                    order.add("b");
                    into.add("throughput", "b", "jobs/s c=" + c, b.next(), "jobs/s", "how b");
                });
        Report report = new Report();

        systems.run(new BenchMain.Runs(new PrintWriter(new StringWriter()), report), report, 10, 8, 3);

        assertThat(order).containsExactly("a", "b", "a", "b", "a", "b");
        Report.Figure fa = report.find("throughput", "a", "jobs/s c=8").orElseThrow();
        assertThat(fa.value()).isEqualTo(200.0);
        assertThat(fa.method()).startsWith("median of 3 interleaved runs (300, 100, 200); how a");
        assertThat(report.find("throughput", "b", "jobs/s c=8").orElseThrow().value()).isEqualTo(60.0);
    }

    @Test
    void aFailedRunIsListedAndTheOthersStillCount() {
        Iterator<Double> a = List.of(300.0, 100.0).iterator();
        int[] calls = {0};
        Interleaved systems = new Interleaved().add("a", (into, jobs, c) -> {
            if (calls[0]++ == 1) {
                throw new IllegalStateException("boom");
            }
            into.add("throughput", "a", "jobs/s c=" + c, a.next(), "jobs/s", "how");
        });
        Report report = new Report();

        systems.run(new BenchMain.Runs(new PrintWriter(new StringWriter()), report), report, 10, 8, 3);

        Report.Figure f = report.find("throughput", "a", "jobs/s c=8").orElseThrow();
        assertThat(f.value()).isEqualTo(100.0);
        assertThat(f.method()).contains("(300, failed, 100)");
    }
}
