package io.jobfleet.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/**
 * Throughput runs of several systems, repeated and interleaved (A B C, A B C, ...) so that every
 * system meets the machine's slow and fast moments alike. Each run writes into its own report;
 * the run with the median jobs/s of each system is the one reported, with every run's figure in
 * its "how". Before each run the {@code settle} action runs (a checkpoint and a collection of the
 * bench JVM's heap, so that no run inherits a checkpoint or a full young generation that the
 * previous one left behind).
 */
final class Interleaved {
    /** One system's throughput run at one concurrency, writing its figures into {@code into}. */
    interface Run {
        void throughput(Report into, int jobs, int concurrency) throws Exception;
    }

    private final Map<String, Run> systems = new LinkedHashMap<>();
    private Runnable settle = () -> { };

    /** Runs {@code action} before each timed run. */
    Interleaved settleWith(Runnable action) {
        this.settle = action;
        return this;
    }

    Interleaved add(String system, Run run) {
        systems.put(system, run);
        return this;
    }

    /** These runs of the systems named, in the same order, with the same settle action. */
    Interleaved only(Collection<String> names) {
        Interleaved some = new Interleaved().settleWith(settle);
        systems.forEach((system, run) -> {
            if (names.contains(system)) {
                some.add(system, run);
            }
        });
        return some;
    }

    /** Calls {@code action} with each system, in the order they were added. */
    void each(BiConsumer<String, Run> action) {
        systems.forEach(action);
    }

    void run(BenchMain.Runs runs, Report report, int jobs, int concurrency, int repeats) {
        run(runs, report, "throughput", jobs, concurrency, repeats);
    }

    /** Like {@link #run(BenchMain.Runs, Report, int, int, int)}, for the figures of {@code workload}. */
    void run(BenchMain.Runs runs, Report report, String workload, int jobs, int concurrency, int repeats) {
        Map<String, List<Report>> done = new LinkedHashMap<>();
        for (int i = 1; i <= repeats; i++) {
            for (Map.Entry<String, Run> s : systems.entrySet()) {
                Report scratch = new Report();
                String label = workload + " " + s.getKey() + " c=" + concurrency + (repeats > 1 ? " (run " + i + "/" + repeats + ")" : "");
                runs.run(label, () -> {
                    settle.run();
                    s.getValue().throughput(scratch, jobs, concurrency);
                });
                done.computeIfAbsent(s.getKey(), k -> new ArrayList<>()).add(scratch);
            }
        }
        String name = "jobs/s c=" + concurrency;
        done.forEach((system, reports) -> {
            List<Report> measured = reports.stream().filter(r -> r.find(workload, system, name).isPresent()).toList();
            Optional<Report> median = Median.of(measured,
                    Comparator.comparingDouble(r -> r.find(workload, system, name).orElseThrow().value()));
            if (median.isEmpty()) {
                return;
            }
            String all = reports.stream().map(r -> r.find(workload, system, name)
                    .map(f -> Report.number(f.value())).orElse("failed")).collect(Collectors.joining(", "));
            report.absorb(median.get(), f -> f.name().equals(name) && repeats > 1
                    ? f.withMethod(String.format(Locale.ROOT, "median of %d interleaved runs (%s); %s", repeats, all, f.method()))
                    : f);
        });
    }
}
