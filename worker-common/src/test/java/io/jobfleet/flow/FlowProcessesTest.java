package io.jobfleet.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobfleet.db.FlowControlSql;
import io.jobfleet.db.NewJob;
import io.jobfleet.testing.JobsTable;
import io.jobfleet.testing.TestDatabase;
import io.jobfleet.testing.TestFamily;
import io.jobfleet.testing.WorkerProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Key rules and rate limits hold across worker processes, because PostgreSQL enforces them: three
 * worker JVMs of eight threads each claim from one queue.
 */
@Tag("slow")
class FlowProcessesTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    private final JobsTable jobs = new JobsTable(DB);
    private final FlowControlSql flow = DB.db().admin().flow();
    private final List<WorkerProcess> workers = new ArrayList<>();

    @BeforeEach
    void clean() {
        DB.truncateJobs();
        TestFamily.createKeyedRunsTable(DB);
        DB.db().jdbi().useHandle(h -> {
            h.execute("TRUNCATE " + DB.app("keyed_runs"));
            h.execute("DELETE FROM " + DB.table("key_limits"));
            h.execute("DELETE FROM " + DB.table("rate_limits"));
        });
    }

    @AfterEach
    void stop() {
        workers.forEach(WorkerProcess::close);
    }

    private void startWorkers(int n) {
        for (int i = 0; i < n; i++) {
            workers.add(WorkerProcess.testWorker("flow-" + i, DB.config(), "--concurrency=8",
                    "--retry-base=50ms", "--retry-max=100ms"));
        }
        workers.forEach(w -> w.awaitOutput("started", Duration.ofSeconds(60)));
    }

    record Run(long jobId, String key, int seq, int attempt, Instant started, Instant ended, boolean failed) {
    }

    private List<Run> runs() {
        return DB.db().jdbi().withHandle(h -> h.createQuery("SELECT job_id, key, seq, attempt, started_at, ended_at, failed FROM "
                        + DB.app("keyed_runs") + " ORDER BY started_at")
                .map((rs, ctx) -> new Run(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getInt(4),
                        rs.getObject(5, java.time.OffsetDateTime.class).toInstant(),
                        rs.getObject(6, java.time.OffsetDateTime.class).toInstant(), rs.getBoolean(7)))
                .list());
    }

    @Test
    void fiftyOrderedKeysRunOneAtATimeInEnqueueOrderAcrossThreeProcessesRetriesIncluded() {
        int keys = 50;
        int perKey = 40;
        // the key comes from the payload field the rule names: the app passes nothing else
        flow.setKeyRule("test", "test.keyed", 1, true, "key", "test");
        for (int seq = 0; seq < perKey; seq++) {
            for (int k = 0; k < keys; k++) {
                boolean failsOnce = (seq * keys + k) % 17 == 0; // about 6% of the jobs
                jobs.enqueue(NewJob.of("test", "test.keyed", String.format(
                        "{\"key\": \"k%d\", \"seq\": %d, \"ms\": %d, \"fail_on_attempt\": %d}",
                        k, seq, seq % 3, failsOnce ? 1 : 0)).withMaxAttempts(3));
            }
        }
        int total = keys * perKey;
        startWorkers(3);
        await().atMost(Duration.ofMinutes(3)).until(() -> jobs.count("completed") == total);

        List<Run> runs = runs();
        Map<String, List<Run>> byKey = runs.stream().collect(Collectors.groupingBy(Run::key));
        assertThat(byKey).hasSize(keys);
        int retried = 0;
        for (List<Run> key : byKey.values()) {
            key.sort(Comparator.comparing(Run::started));
            for (int i = 1; i < key.size(); i++) {
                Run before = key.get(i - 1);
                Run after = key.get(i);
                assertThat(after.started()).as("%s seq %d attempt %d starts after seq %d attempt %d ended",
                        after.key(), after.seq(), after.attempt(), before.seq(), before.attempt())
                        .isAfterOrEqualTo(before.ended());
                // enqueue order: the same job's next attempt, or the next job
                assertThat(after.seq()).isEqualTo(before.failed() ? before.seq() : before.seq() + 1);
            }
            retried += (int) key.stream().filter(Run::failed).count();
        }
        System.out.printf("%d jobs over %d ordered keys in 3 processes: %d attempts failed once and were retried in order%n",
                total, keys, retried);
        assertThat(retried).isGreaterThan(100);
        assertThat(runs.stream().filter(r -> !r.failed())).hasSize(total);
    }

    @Test
    void aRateOfTwentyASecondIsSharedByThreeProcesses() {
        double rate = 20;
        int burst = 5;
        flow.setRateLimit(FlowControlSql.claimBucket("test", null), rate, 1, burst, "test");
        for (int i = 0; i < 400; i++) {
            jobs.enqueue("test", "test.noop", "{}");
        }
        startWorkers(3);
        // 15 seconds of claims at the rate, measured on the jobs' start times
        await().atMost(Duration.ofSeconds(60)).until(() -> jobs.count("completed") >= 300 + burst);
        List<Instant> starts = DB.db().jdbi().withHandle(h -> h.createQuery("SELECT started_at FROM " + DB.jobs()
                        + " WHERE started_at IS NOT NULL ORDER BY started_at")
                .mapTo(java.time.OffsetDateTime.class).map(java.time.OffsetDateTime::toInstant).list());
        Instant first = starts.get(0);
        int worstWindow = 0;
        for (int i = 0; i < starts.size(); i++) {
            Instant end = starts.get(i).plusSeconds(1);
            int n = 0;
            for (int j = i; j < starts.size() && starts.get(j).isBefore(end); j++) {
                n++;
            }
            worstWindow = Math.max(worstWindow, n);
        }
        Instant last = starts.get(starts.size() - 1);
        double seconds = Duration.between(first, last).toMillis() / 1000.0;
        double measured = (starts.size() - burst) / seconds;
        Map<String, Long> perWorker = jobs.all().stream().filter(j -> j.lockedBy() != null)
                .collect(Collectors.groupingBy(j -> j.lockedBy(), Collectors.counting()));
        System.out.printf("rate 20/s burst %d over 3 processes: %d starts in %.1f s = %.1f/s after the burst; "
                + "busiest second %d; per process %s%n", burst, starts.size(), seconds, measured, worstWindow,
                perWorker.values());
        // within the limit plus its burst, in every second and overall
        assertThat(worstWindow).isLessThanOrEqualTo((int) rate + burst);
        assertThat(starts.size()).isLessThanOrEqualTo((int) Math.ceil(rate * seconds) + burst + 1);
        // and claimed as the tokens come, not a poll later (a loaded machine may miss a few)
        assertThat(measured).isGreaterThan(rate * 0.6);
        assertThat(perWorker).hasSize(3);
    }
}
