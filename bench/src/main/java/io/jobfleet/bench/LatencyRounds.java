package io.jobfleet.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One system's latency rounds, pooled: every job's enqueue-to-start time, the part after the
 * enqueue returned, the database's own {@code started_at - created_at} where the system has it,
 * and each round's p50. With peers, the rounds of the systems take turns (A B, A B, ...), so that a
 * slow moment of the machine falls on both rather than on one system's whole sample.
 */
final class LatencyRounds {
    private final Latencies all = new Latencies();
    private final Latencies afterEnqueue = new Latencies();
    private final Latencies database = new Latencies();
    private final List<Double> roundP50s = new ArrayList<>();
    private final boolean takingTurns;

    /** {@code takingTurns}: whether another system's rounds run between this one's (with {@code --peers}). */
    LatencyRounds(boolean takingTurns) {
        this.takingTurns = takingTurns;
    }

    /** Adds one round: its enqueue-to-start times and the part of each after the enqueue returned. */
    void round(Latencies clock, Latencies afterEnqueued) {
        all.addAll(clock);
        afterEnqueue.addAll(afterEnqueued);
        roundP50s.add(clock.percentile(50));
    }

    Latencies all() {
        return all;
    }

    Latencies afterEnqueue() {
        return afterEnqueue;
    }

    Latencies database() {
        return database;
    }

    int rounds() {
        return roundP50s.size();
    }

    /** The rounds for a report's "how": how many, and each one's p50. */
    String describe() {
        if (roundP50s.size() == 1) {
            return "1 round";
        }
        return roundP50s.size() + " rounds" + (takingTurns ? " taking turns with the other systems'" : "") + " (p50 of each: "
                + roundP50s.stream().map(ms -> String.format(Locale.ROOT, "%.2f", ms)).collect(Collectors.joining(", "))
                + " ms), pooled";
    }
}
