package io.jobfleet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real {@code bench} command line on small counts (an embedded PostgreSQL, worker JVMs
 * for rescue and RSS) and checks that the report holds every figure with a sane value. No timing
 * goal is checked here: figures on a shared machine are noise.
 */
@Tag("slow")
class BenchMainTest {
    @TempDir
    Path dir;

    private record Run(int exit, String out, String err, JsonNode json) {
        /** figure name (workload/system/name) to value */
        Map<String, Double> figures() {
            Map<String, Double> m = new HashMap<>();
            json.get("figures").forEach(f -> m.put(f.get("workload").asText() + "/" + f.get("system").asText() + "/"
                    + f.get("name").asText(), f.get("value").asDouble()));
            return m;
        }
    }

    private Run bench(String... args) throws Exception {
        Path json = dir.resolve("figures.json");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = BenchMain.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--json";
        all[args.length + 1] = json.toString();
        int exit = cl.execute(all);
        assertThat(exit).as("exit code; stderr:\n%s\nstdout:\n%s", err, out).isZero();
        return new Run(exit, out.toString(), err.toString(), new ObjectMapper().readTree(Files.readString(json)));
    }

    @Test
    void quickRunReportsEveryJobfleetFigure() throws Exception {
        Run run = bench("--quick", "--idle-seconds", "5", "--only", "throughput,latency,latency-backlog,idle,rescue,rss");
        Map<String, Double> f = run.figures();

        assertThat(f.get("throughput/jobfleet/jobs/s c=8")).isPositive();
        assertThat(f.get("throughput/jobfleet/jobs/s c=32")).isPositive();
        assertThat(f.get("throughput/jobfleet/jobs/s c=8 (DB timestamps)")).isPositive();
        assertThat(f.get("throughput/jobfleet/statements/job c=8")).isPositive();
        assertThat(f.get("latency/jobfleet/p50")).isPositive();
        assertThat(f.get("latency/jobfleet/p99")).isGreaterThanOrEqualTo(f.get("latency/jobfleet/p50"));
        assertThat(f.get("latency-backlog/jobfleet/p50")).isPositive();
        assertThat(f.get("idle/jobfleet/queries/min (whole window)")).isPositive();
        assertThat(f.get("idle/jobfleet/queries/min (whole window) [10 workers]"))
                .isGreaterThan(f.get("idle/jobfleet/queries/min (whole window)"));
        // each idle worker: at least its pool's idle minimum and its LISTEN connection
        assertThat(f.get("idle/jobfleet/connections [10 workers]")).isGreaterThanOrEqualTo(10 * 2.0);
        assertThat(f.get("rescue/jobfleet/kill -> rescued (slowest job)")).isBetween(0.0, 60.0);
        assertThat(f.get("rescue/jobfleet/kill -> completed (slowest job)"))
                .isGreaterThanOrEqualTo(f.get("rescue/jobfleet/kill -> rescued (slowest job)"));
        String shipped = "[" + String.join(" ", ShippedJvm.OPTIONS) + "]";
        assertThat(f.get("rss/jobfleet/at rest " + shipped)).isPositive();
        assertThat(f.get("rss/jobfleet/peak draining " + shipped)).isGreaterThanOrEqualTo(f.get("rss/jobfleet/at rest " + shipped));

        assertThat(run.out()).contains("jobfleet benchmark report", "server_version=17", "synchronous_commit=on",
                "cores=", "latency p50: ");
        assertThat(run.json().get("context").get("machine").get("cores").asInt()).isPositive();
        assertThat(run.json().get("notes").toString()).doesNotContain("FAILED");
    }

    @Test
    void tableSizeAndProcessModesRunAndReport() throws Exception {
        Run run = bench("--only", "table-size,processes", "--jobs", "300", "--concurrency", "4",
                "--table-sizes", "5000", "--backlog", "1000", "--processes", "1,2", "--process-threads", "4");
        Map<String, Double> f = run.figures();

        for (String table : new String[] {"empty table", "5,000 finished", "1,000 pending elsewhere"}) {
            assertThat(f.get("table-size/jobfleet/jobs/s c=4 [" + table + "]")).as(table).isPositive();
            assertThat(f.get("table-size/jobfleet/claim mean [" + table + "]")).as(table).isPositive();
        }
        assertThat(f.get("table-size/jobfleet/jobs/s c=4 vs empty [5,000 finished]")).isPositive();
        assertThat(f.get("table-size/jobfleet/claim mean vs empty [1,000 pending elsewhere]")).isPositive();
        assertThat(run.out()).contains("claim plan, table: 5,000 finished", "jobs_claim_idx");

        assertThat(f.get("processes/jobfleet/jobs/s [1 x 4 threads]")).isPositive();
        assertThat(f.get("processes/jobfleet/jobs/s [2 x 2 threads]")).isPositive();
        // each process holds its pool's idle minimum and its LISTEN connection at least
        assertThat(f.get("processes/jobfleet/connections [2 x 2 threads]"))
                .isGreaterThan(f.get("processes/jobfleet/connections [1 x 4 threads]"));
        assertThat(f.get("processes/jobfleet/connections/process [2 x 2 threads]")).isGreaterThanOrEqualTo(2.0);
        assertThat(run.json().get("notes").toString()).doesNotContain("FAILED");
    }

    @Test
    void jobsPageRunsOnASmallTable() throws Exception {
        Run run = bench("--only", "jobspage", "--quick", "--jobs-page-rows", "3000");
        Map<String, Double> f = run.figures();

        assertThat(f.get("jobs page/jobfleet/newest p50")).isPositive();
        assertThat(f.get("jobs page/jobfleet/deep page (keyset) max"))
                .isGreaterThanOrEqualTo(f.get("jobs page/jobfleet/deep page (keyset) p50"));
        assertThat(f.get("jobs page/jobfleet/payload.user_id p50")).isPositive();
        assertThat(f).doesNotContainKey("throughput/jobfleet/jobs/s c=8");
        assertThat(run.json().get("notes").toString()).doesNotContain("FAILED");
    }

    @Test
    void peersRunTheSameThroughputWorkload() throws Exception {
        Run run = bench("--only", "throughput", "--peers", "--jobs", "300", "--concurrency", "8",
                "--warmup-seconds", "0");
        Map<String, Double> f = run.figures();

        assertThat(f.get("throughput/jobfleet/jobs/s c=8")).isPositive();
        assertThat(f.get("throughput/" + JobfleetBench.THROUGHPUT_SYSTEM + "/jobs/s c=8")).isPositive();
        assertThat(f.get("throughput/db-scheduler/jobs/s c=8")).isPositive();
        assertThat(f.get("throughput/JobRunr/jobs/s c=8")).isPositive();
        // the worker's defaults keep the lines as they always were; the throughput setting's are added
        assertThat(run.out()).containsPattern("(?m)^throughput ratio vs db-scheduler: [0-9.]+$")
                .containsPattern("(?m)^throughput ratio vs JobRunr: [0-9.]+$")
                .containsPattern("(?m)^throughput ratio vs db-scheduler with the throughput setting: [0-9.]+$");
        assertThat(run.json().get("ratios").size()).isEqualTo(4);
    }

    @Test
    void latencyRoundsOfTheSystemsTakeTurnsAndArePooled() throws Exception {
        Run run = bench("--only", "latency", "--peers", "--latency-jobs", "10", "--runs", "2",
                "--jobrunr-latency-jobs", "1", "--warmup-seconds", "0", "--jobs", "200");
        Map<String, Double> f = run.figures();

        assertThat(f.get("latency/jobfleet/p50")).isPositive();
        assertThat(f.get("latency/db-scheduler/p50")).isPositive();
        // without throughput runs, the systems whose latency is measured are warmed up first, and only they
        assertThat(run.err()).containsSubsequence("warm-up jobfleet (batch 1, 200 jobs, not reported) done",
                        "warm-up db-scheduler (batch 1, 200 jobs, not reported) done", "latency jobfleet (round 1/2) done")
                .doesNotContain("warm-up JobRunr", "warm-up " + JobfleetBench.THROUGHPUT_SYSTEM);
        // each system's rounds alternate with the other's
        assertThat(run.err()).containsSubsequence("latency jobfleet (round 1/2) done", "latency db-scheduler (round 1/2) done",
                "latency jobfleet (round 2/2) done", "latency db-scheduler (round 2/2) done");
        // the percentiles are those of both rounds' jobs together, and each round's p50 is listed
        assertThat(run.out()).containsPattern("(?m)^latency +jobfleet +max .*20 jobs")
                .containsPattern("(?m)^latency +db-scheduler +max .*20 jobs")
                .containsPattern("(?m)^latency +jobfleet +p50 .*2 rounds taking turns with the other systems' \\(p50 of "
                        + "each: [0-9.]+, [0-9.]+ ms\\), pooled")
                .containsPattern("(?m)^latency p50: [0-9.]+ ms$");
    }

    @Test
    void keyRulesRunBesideARunWithoutThem() throws Exception {
        Run run = bench("--only", "keys", "--jobs", "300", "--concurrency", "8");
        Map<String, Double> f = run.figures();

        assertThat(f.get("keys/" + KeysBench.NONE + "/jobs/s c=8")).isPositive();
        assertThat(f.get("keys/" + KeysBench.THOUSAND + "/jobs/s c=8")).isPositive();
        assertThat(f.get("keys/" + KeysBench.HOT + "/jobs/s c=8")).isPositive();
        assertThat(f.get("keys/" + KeysBench.HOT + "/ratio to no key rule c=8")).isPositive();
    }

    @Test
    void latencyFloorRunsEachPathBesideJobfleet() throws Exception {
        Run run = bench("--only", "latency,latency-floor", "--latency-jobs", "20", "--runs", "1",
                "--warmup-seconds", "0", "--jobs", "200");
        Map<String, Double> f = run.figures();

        for (String path : new String[] {LatencyFloorBench.NOTIFY, LatencyFloorBench.MEMORY, LatencyFloorBench.JOBS_TABLE,
                LatencyFloorBench.STATEMENTS}) {
            assertThat(f.get("latency-floor/" + path + "/p50")).as(path).isPositive();
            assertThat(f.get("latency-floor/" + path + "/p50 after the enqueue returned")).as(path).isPositive();
        }
        assertThat(f.get("latency-floor/jobfleet/p50 / " + LatencyFloorBench.NOTIFY + " p50")).isPositive();
        assertThat(run.json().get("notes").toString()).doesNotContain("FAILED");
    }

    @Test
    void startAndCostRunAndReport() throws Exception {
        Run run = bench("--only", "start,cost", "--quick", "--start-flags", "-XX:CompileThresholdScaling=2 -Xss512k");
        Map<String, Double> f = run.figures();

        assertThat(f).anySatisfy((name, value) -> {
            assertThat(name).startsWith("start/jobfleet/CPU to first claim [");
            assertThat(value).isPositive();
        });
        // the tests' class path is a folder, of which no CDS archive is dumped: the variant is of the shipped options
        assertThat(f).as("a --start-flags variant").anySatisfy((name, value) -> {
            assertThat(name).startsWith("start/jobfleet/start -> first claim [")
                    .endsWith(", and -XX:CompileThresholdScaling=2 -Xss512k]");
            assertThat(value).isPositive();
        });
        assertThat(f).anySatisfy((name, value) -> {
            assertThat(name).startsWith("cost/jobfleet/").endsWith(": commits/job");
            assertThat(value).isPositive();
        });
        assertThat(run.json().get("notes").toString()).doesNotContain("FAILED");
    }

    @Test
    void poolerModeRunsThroughARealPgBouncerBesideDirectConnections() throws Exception {
        Run run = bench("--only", "pooler", "--jobs", "300", "--latency-jobs", "20", "--runs", "1");
        Map<String, Double> f = run.figures();

        for (String system : new String[] {PoolerBench.DIRECT, PoolerBench.POOLED}) {
            assertThat(f.get("pooler/" + system + "/jobs/s c=8")).as(system).isPositive();
            assertThat(f.get("pooler/" + system + "/latency p50")).as(system).isPositive();
        }
        assertThat(f.get("pooler/" + PoolerBench.POOLED + "/jobs/s c=8 vs direct")).isPositive();
        assertThat(run.out()).contains("PgBouncer pool_mode = transaction");
        assertThat(run.json().get("notes").toString()).doesNotContain("FAILED");
    }
}
