package io.jobfleet.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Enqueue-to-start times of one run, in milliseconds, and their percentiles (nearest rank). */
final class Latencies {
    private final List<Double> millis = new ArrayList<>();

    void add(long nanos) {
        millis.add(nanos / 1e6);
    }

    void addMillis(double ms) {
        millis.add(ms);
    }

    void addAll(Latencies other) {
        millis.addAll(other.millis);
    }

    int size() {
        return millis.size();
    }

    double percentile(double p) {
        if (millis.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    double max() {
        return percentile(100);
    }

    /** Adds p50, p95, p99 and max to the report. */
    void report(Report r, String system, String method) {
        report(r, "latency", system, method);
    }

    /** Adds p50, p95, p99 and max to the report, as figures of {@code workload}. */
    void report(Report r, String workload, String system, String method) {
        r.add(workload, system, "p50", percentile(50), "ms", method);
        r.add(workload, system, "p95", percentile(95), "ms", "same");
        r.add(workload, system, "p99", percentile(99), "ms", "same");
        r.add(workload, system, "max", max(), "ms", "same; " + size() + " jobs");
    }

    /**
     * Adds p50 and p99 of these times as the part after the enqueue returned: the job system's own
     * path (its wake-up, claim and dispatch) without the insert and its commit, which wait for the
     * WAL flush like any write of the app. {@code returned} names what returned.
     */
    void reportAfterEnqueue(Report r, String workload, String system, String returned) {
        r.add(workload, system, "p50 after the enqueue returned", percentile(50), "ms",
                "handler start - " + returned + " returned (the rest is the insert and its commit)");
        r.add(workload, system, "p99 after the enqueue returned", percentile(99), "ms", "same");
    }
}
