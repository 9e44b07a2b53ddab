package io.jobfleet.bench;

import io.jobfleet.db.Database;
import io.jobfleet.db.JobSearchSql;
import io.jobfleet.db.JobSearchSql.Filter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The console's jobs page on a big table: a jobs table of {@code rows} finished and failed jobs
 * (analyzed, as autovacuum would leave it), then each page the console asks for (the newest, one
 * deep in the table by keyset, and the filters an operator uses) timed {@code reps} times through
 * the statement the page runs ({@link JobSearchSql#search}, a page of 50 rows looking at
 * {@link JobSearchSql#SCAN_WINDOW} ids at most). The HTML around it is a
 * few microseconds of string building; the statement is the page's cost.
 */
final class JobsPageBench {
    static final int PAGE = 50;

    private final BenchServer server;
    private final Schemas schemas;
    private final Report report;

    JobsPageBench(BenchServer server, Schemas schemas, Report report) {
        this.server = server;
        this.schemas = schemas;
        this.report = report;
    }

    void run(int rows, int reps) {
        String schema = schemas.jobfleet("jf_jobs_page");
        try (Database db = Database.open(server.dbConfig(schema, 2), "jobfleet-bench-jobs-page")) {
            long t0 = System.nanoTime();
            db.jdbi().useHandle(h -> {
                h.execute("INSERT INTO " + Schemas.jobs(schema) + " (queue, kind, payload, status, attempts, errors, "
                        + "last_error, started_at, completed_at, created_at) "
                        + "SELECT 'q' || (i % 4), 'k' || (i % 10), pg_catalog.jsonb_build_object('user_id', 'u-' || (i % 5000)), "
                        + "CASE WHEN i % 100 = 0 THEN 'failed' ELSE 'completed' END, 1, "
                        + "CASE WHEN i % 100 = 0 THEN pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object("
                        + "'attempt', 1, 'class', CASE WHEN i % 200 = 0 THEN 'timeout' ELSE 'bad_input' END, "
                        + "'message', 'boom')) ELSE '[]'::jsonb END, "
                        + "CASE WHEN i % 100 = 0 THEN 'boom' END, now() - interval '1 second', now(), "
                        + "now() - pg_catalog.make_interval(secs => CAST(" + rows + " - i AS float8)) "
                        + "FROM pg_catalog.generate_series(1, " + rows + ") i");
                h.execute("ANALYZE " + Schemas.jobs(schema));
            });
            report.detail("jobs page table", rows + " jobs (1% failed, 4 queues, 10 kinds, 5000 users), filled in "
                    + (System.nanoTime() - t0) / 1_000_000 + " ms");
            JobSearchSql sql = db.admin().jobs();
            long deep = rows / 2;
            Map<String, Runnable> pages = new LinkedHashMap<>();
            pages.put("newest", () -> sql.search(Filter.ALL, null, PAGE));
            pages.put("deep page (keyset)", () -> sql.search(Filter.ALL, deep, PAGE));
            pages.put("queue and kind", () -> sql.search(filter("q1", "k1", null, null, null, null), null, PAGE));
            pages.put("failed", () -> sql.search(filter(null, null, "failed", null, null, null), null, PAGE));
            pages.put("failed, error class", () -> sql.search(filter(null, null, "failed", "timeout", null, null),
                    null, PAGE));
            pages.put("payload.user_id", () -> sql.search(filter(null, null, null, null, "user_id", "u-42"), null, PAGE));
            for (Map.Entry<String, Runnable> p : pages.entrySet()) {
                p.getValue().run(); // warm: plan cache, buffers
                double[] ms = new double[reps];
                for (int i = 0; i < reps; i++) {
                    long s = System.nanoTime();
                    p.getValue().run();
                    ms[i] = (System.nanoTime() - s) / 1e6;
                }
                Arrays.sort(ms);
                String method = "JobSearchSql.search, a page of " + PAGE + " rows (at most "
                        + JobSearchSql.SCAN_WINDOW + " ids looked at), " + reps + " runs on " + rows + " jobs";
                report.add("jobs page", JobfleetBench.SYSTEM, p.getKey() + " p50", ms[reps / 2], "ms", method);
                report.add("jobs page", JobfleetBench.SYSTEM, p.getKey() + " max", ms[reps - 1], "ms", method);
            }
        } finally {
            schemas.drop(schema);
        }
    }

    private static Filter filter(String queue, String kind, String status, String errorClass, String key, String value) {
        return new Filter(null, queue, kind, status, errorClass, null, null, key, value);
    }
}
