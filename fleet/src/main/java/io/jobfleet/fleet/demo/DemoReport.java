package io.jobfleet.fleet.demo;

import io.jobfleet.db.Database;
import io.jobfleet.fleet.mix.Expectation;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The demo's closing report: per kind completed/failed, retries, rescues, p50/p95 attempt
 * durations; and whether every job ended as its {@link Expectation} says.
 */
final class DemoReport {
    private record JobEnd(long id, String kind, String status, String lastClass, int retries, int rescues,
                          double seconds) {
    }

    private final Map<Long, JobEnd> ends = new HashMap<>();
    private final List<String> surprises = new ArrayList<>();
    private final List<Expectation> expectations;

    private DemoReport(List<Expectation> expectations) {
        this.expectations = expectations;
    }

    static DemoReport build(Database db, List<Expectation> expectations) {
        DemoReport r = new DemoReport(expectations);
        db.jdbi().useHandle(h -> h.createQuery("SELECT id, kind, status, "
                        + "errors -> -1 ->> 'class' AS last_class, "
                        // failed attempts that were followed by another attempt (the last one of a failed job was not)
                        + "(SELECT count(*) FROM jsonb_array_elements(errors) e WHERE e ->> 'class' <> 'worker_lost') "
                        + "- CASE WHEN status = 'failed' AND errors -> -1 ->> 'class' <> 'worker_lost' THEN 1 ELSE 0 END "
                        + "AS retries, "
                        + "(SELECT count(*) FROM jsonb_array_elements(errors) e WHERE e ->> 'class' = 'worker_lost') AS rescues, "
                        + "extract(epoch FROM completed_at - started_at) AS seconds FROM \"" + db.schema() + "\".jobs")
                .map((rs, ctx) -> new JobEnd(rs.getLong("id"), rs.getString("kind"), rs.getString("status"),
                        rs.getString("last_class"), rs.getInt("retries"), rs.getInt("rescues"), rs.getDouble("seconds")))
                .forEach(e -> r.ends.put(e.id(), e)));
        for (Expectation x : expectations) {
            JobEnd e = r.ends.get(x.jobId());
            if (e == null) {
                r.surprises.add(x.label() + " (job " + x.jobId() + "): missing");
            } else if (!e.status().equals(x.status())) {
                r.surprises.add(x.label() + " (job " + x.jobId() + "): " + e.status() + ", expected " + x.status()
                        + (e.lastClass() == null ? "" : " (last error class " + e.lastClass() + ")"));
            } else if (x.errorClass() != null && !x.errorClass().equals(e.lastClass())) {
                r.surprises.add(x.label() + " (job " + x.jobId() + "): failed with " + e.lastClass() + ", expected "
                        + x.errorClass());
            }
        }
        return r;
    }

    boolean asExpected() {
        return surprises.isEmpty();
    }

    int rescues() {
        return ends.values().stream().mapToInt(JobEnd::rescues).sum();
    }

    void print(PrintWriter out) {
        Map<String, List<JobEnd>> byKind = new TreeMap<>();
        ends.values().forEach(e -> byKind.computeIfAbsent(e.kind(), k -> new ArrayList<>()).add(e));
        out.println();
        out.printf("%-30s %6s %9s %7s %8s %8s %9s %9s%n", "kind", "jobs", "completed", "failed", "retries",
                "rescues", "p50 (s)", "p95 (s)");
        for (Map.Entry<String, List<JobEnd>> k : byKind.entrySet()) {
            List<JobEnd> jobs = k.getValue();
            List<Double> durations = new ArrayList<>();
            jobs.stream().filter(j -> j.status().equals("completed")).forEach(j -> durations.add(j.seconds()));
            Collections.sort(durations);
            out.printf("%-30s %6d %9d %7d %8d %8d %9s %9s%n", k.getKey(), jobs.size(),
                    jobs.stream().filter(j -> j.status().equals("completed")).count(),
                    jobs.stream().filter(j -> j.status().equals("failed")).count(),
                    jobs.stream().mapToInt(JobEnd::retries).sum(),
                    jobs.stream().mapToInt(JobEnd::rescues).sum(),
                    percentile(durations, 50), percentile(durations, 95));
        }
        out.println();
        long expectedFailures = expectations.stream().filter(x -> x.status().equals("failed")).count();
        if (surprises.isEmpty()) {
            out.printf("every job ended as expected: %d jobs, %d of them failed on purpose (poison payloads, "
                    + "quota, scanned PDF, ...)%n", expectations.size(), expectedFailures);
        } else {
            out.printf("%d job(s) did not end as expected:%n", surprises.size());
            surprises.forEach(s -> out.println("  - " + s));
        }
    }

    private static String percentile(List<Double> sorted, int p) {
        if (sorted.isEmpty()) {
            return "-";
        }
        int i = (int) Math.min(sorted.size() - 1, Math.max(0, Math.ceil(p / 100.0 * sorted.size()) - 1));
        return String.format("%.2f", sorted.get(i));
    }
}
