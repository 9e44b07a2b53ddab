package io.jobfleet.fleet.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobfleet.db.Database;
import io.jobfleet.engine.Payloads;
import io.jobfleet.fleet.mix.Expectation;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The demo's closing report: per kind completed/failed, retries, rescues, p50/p95 attempt
 * durations; and whether every job ended as its {@link Expectation} says. Printed as a table or
 * as JSON ({@code demo --json}).
 */
final class DemoReport {
    /** How one job ended. */
    record JobEnd(long id, String kind, String status, String lastClass, int retries, int rescues, double seconds) {
    }

    /** The figures of one kind; the percentiles are of completed jobs' durations, null when none completed. */
    record KindFigures(String kind, int jobs, long completed, long failed, int retries, int rescues, Double p50,
                       Double p95) {
    }

    private final Map<Long, JobEnd> ends;
    private final List<String> surprises = new ArrayList<>();
    private final List<Expectation> expectations;

    /** Compares {@code ends} with {@code expectations}. */
    DemoReport(List<JobEnd> ends, List<Expectation> expectations) {
        this.ends = ends.stream().collect(Collectors.toMap(JobEnd::id, Function.identity()));
        this.expectations = expectations;
        for (Expectation x : expectations) {
            JobEnd e = this.ends.get(x.jobId());
            if (e == null) {
                surprises.add(x.label() + " (job " + x.jobId() + "): missing");
            } else if (!e.status().equals(x.status())) {
                surprises.add(x.label() + " (job " + x.jobId() + "): " + e.status() + ", expected " + x.status()
                        + (e.lastClass() == null ? "" : " (last error class " + e.lastClass() + ")"));
            } else if (x.errorClass() != null && !x.errorClass().equals(e.lastClass())) {
                surprises.add(x.label() + " (job " + x.jobId() + "): failed with " + e.lastClass() + ", expected "
                        + x.errorClass());
            }
        }
    }

    static DemoReport build(Database db, List<Expectation> expectations) {
        List<JobEnd> ends = db.jdbi().withHandle(h -> h.createQuery("SELECT id, kind, status, "
                        + "errors -> -1 ->> 'class' AS last_class, "
                        // failed attempts that were followed by another attempt (the last one of a failed job was not)
                        + "(SELECT count(*) FROM jsonb_array_elements(errors) e WHERE e ->> 'class' <> 'worker_lost') "
                        + "- CASE WHEN status = 'failed' AND errors -> -1 ->> 'class' <> 'worker_lost' THEN 1 ELSE 0 END "
                        + "AS retries, "
                        + "(SELECT count(*) FROM jsonb_array_elements(errors) e WHERE e ->> 'class' = 'worker_lost') AS rescues, "
                        + "extract(epoch FROM completed_at - started_at) AS seconds FROM \"" + db.schema() + "\".jobs")
                .map((rs, ctx) -> new JobEnd(rs.getLong("id"), rs.getString("kind"), rs.getString("status"),
                        rs.getString("last_class"), rs.getInt("retries"), rs.getInt("rescues"), rs.getDouble("seconds")))
                .list());
        return new DemoReport(ends, expectations);
    }

    boolean asExpected() {
        return surprises.isEmpty();
    }

    List<String> surprises() {
        return List.copyOf(surprises);
    }

    int rescues() {
        return ends.values().stream().mapToInt(JobEnd::rescues).sum();
    }

    long expectedFailures() {
        return expectations.stream().filter(x -> x.status().equals("failed")).count();
    }

    /** The figures per kind, sorted by kind. */
    List<KindFigures> byKind() {
        Map<String, List<JobEnd>> byKind = new TreeMap<>();
        ends.values().forEach(e -> byKind.computeIfAbsent(e.kind(), k -> new ArrayList<>()).add(e));
        List<KindFigures> figures = new ArrayList<>();
        byKind.forEach((kind, jobs) -> {
            List<Double> durations = jobs.stream().filter(j -> j.status().equals("completed"))
                    .map(JobEnd::seconds).sorted().toList();
            figures.add(new KindFigures(kind, jobs.size(), durations.size(),
                    jobs.stream().filter(j -> j.status().equals("failed")).count(),
                    jobs.stream().mapToInt(JobEnd::retries).sum(), jobs.stream().mapToInt(JobEnd::rescues).sum(),
                    percentile(durations, 50), percentile(durations, 95)));
        });
        return figures;
    }

    void print(PrintWriter out) {
        out.println();
        out.printf("%-30s %6s %9s %7s %8s %8s %9s %9s%n", "kind", "jobs", "completed", "failed", "retries",
                "rescues", "p50 (s)", "p95 (s)");
        for (KindFigures k : byKind()) {
            out.printf("%-30s %6d %9d %7d %8d %8d %9s %9s%n", k.kind(), k.jobs(), k.completed(), k.failed(),
                    k.retries(), k.rescues(), seconds(k.p50()), seconds(k.p95()));
        }
        out.println();
        if (surprises.isEmpty()) {
            out.printf("every job ended as expected: %d jobs, %d of them failed on purpose (poison payloads, "
                    + "quota, scanned PDF, ...)%n", expectations.size(), expectedFailures());
        } else {
            out.printf("%d job(s) did not end as expected:%n", surprises.size());
            surprises.forEach(s -> out.println("  - " + s));
        }
    }

    /** As JSON: {@code as_expected}, {@code jobs}, {@code expected_failures}, {@code kinds}, {@code surprises}. */
    ObjectNode toJson() {
        ObjectNode root = Payloads.mapper().createObjectNode();
        root.put("as_expected", asExpected());
        root.put("jobs", expectations.size());
        root.put("expected_failures", expectedFailures());
        ObjectNode kinds = root.putObject("kinds");
        for (KindFigures k : byKind()) {
            ObjectNode o = kinds.putObject(k.kind());
            o.put("jobs", k.jobs()).put("completed", k.completed()).put("failed", k.failed())
                    .put("retries", k.retries()).put("rescues", k.rescues());
            o.put("p50_seconds", k.p50());
            o.put("p95_seconds", k.p95());
        }
        ArrayNode list = root.putArray("surprises");
        surprises.forEach(list::add);
        return root;
    }

    private static String seconds(Double s) {
        return s == null ? "-" : String.format("%.2f", s);
    }

    /** Nearest-rank percentile of sorted values; null when there are none. */
    static Double percentile(List<Double> sorted, int p) {
        if (sorted.isEmpty()) {
            return null;
        }
        int i = (int) Math.min(sorted.size() - 1, Math.max(0, Math.ceil(p / 100.0 * sorted.size()) - 1));
        return sorted.get(i);
    }
}
