package io.jobfleet.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.engine.JobHandler;
import io.jobfleet.engine.FencedWrites;
import io.jobfleet.engine.JobContext;
import io.jobfleet.engine.JobOutcome;
import io.jobfleet.engine.RetryableJobException;
import io.jobfleet.family.FamilyRuntime;
import io.jobfleet.family.WorkerFamily;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * The family of test worker processes, queue {@code test}:
 * {@code test.work} sleeps {@code ms} (only on attempt {@code sleep_on_attempt} when given), then
 * records one row in the app table {@code executions} in its fenced completion;
 * {@code test.keyed} (payload {@code key}, {@code seq}, {@code ms}, {@code fail_on_attempt})
 * records each attempt's start and end in the app table {@code keyed_runs}, failing (to be retried)
 * on attempt {@code fail_on_attempt}; {@code test.noop} does nothing.
 */
public final class TestFamily implements WorkerFamily {
    @Override
    public String name() {
        return "test";
    }

    @Override
    public String queue() {
        return "test";
    }

    @Override
    public List<String> kinds() {
        return List.of("test.work", "test.noop", "test.keyed");
    }

    @Override
    public List<JobHandler<?>> handlers(FamilyRuntime runtime) {
        return List.of(TestHandler.json("test.work", (p, ctx) -> {
            long ms = p.path("ms").asLong(0);
            JsonNode onAttempt = p.get("sleep_on_attempt");
            if (ms > 0 && (onAttempt == null || onAttempt.asInt() == ctx.attempt())) {
                Thread.sleep(ms);
            }
            return JobOutcome.done(Map.of("worker", ctx.workerId(), "attempt", ctx.attempt()), h -> h.createUpdate(
                    "INSERT INTO \"" + runtime.db().config().appSchema()
                            + "\".executions (job_id, attempt, worker) VALUES (:id, :attempt, :worker)")
                    .bind("id", ctx.jobId()).bind("attempt", ctx.attempt()).bind("worker", ctx.workerId()).execute());
        }), TestHandler.json("test.noop", (p, ctx) -> JobOutcome.done(null)),
                TestHandler.json("test.keyed", (p, ctx) -> keyed(runtime, p, ctx)));
    }

    private static JobOutcome keyed(FamilyRuntime runtime, JsonNode p, JobContext ctx) throws Exception {
        Instant started = Instant.now();
        long ms = p.path("ms").asLong(0);
        if (ms > 0) {
            Thread.sleep(ms);
        }
        boolean fail = p.path("fail_on_attempt").asInt(0) == ctx.attempt();
        String insert = "INSERT INTO \"" + runtime.db().config().appSchema() + "\".keyed_runs "
                + "(job_id, key, seq, attempt, worker, started_at, ended_at, failed) "
                + "VALUES (:id, :key, :seq, :attempt, :worker, :started, :ended, :failed)";
        FencedWrites record = h -> h.createUpdate(insert)
                .bind("id", ctx.jobId()).bind("key", p.path("key").asText()).bind("seq", p.path("seq").asInt())
                .bind("attempt", ctx.attempt()).bind("worker", ctx.workerId())
                .bind("started", OffsetDateTime.ofInstant(started, ZoneOffset.UTC))
                .bind("ended", OffsetDateTime.ofInstant(Instant.now(), ZoneOffset.UTC))
                .bind("failed", fail).execute();
        if (fail) {
            runtime.db().jdbi().useHandle(record::write);
            throw new RetryableJobException("test_failure", "failing attempt " + ctx.attempt() + " on purpose");
        }
        return JobOutcome.done(null, record);
    }

    /** The side table {@code test.keyed} writes, in the app schema of {@code db}. */
    public static void createKeyedRunsTable(TestDatabase db) {
        db.db().jdbi().useHandle(h -> h.execute("CREATE TABLE IF NOT EXISTS \"" + db.config().appSchema()
                + "\".keyed_runs (job_id bigint NOT NULL, key text NOT NULL, seq int NOT NULL, attempt int NOT NULL, "
                + "worker text NOT NULL, started_at timestamptz NOT NULL, ended_at timestamptz NOT NULL, "
                + "failed boolean NOT NULL)"));
    }

    /** The side table {@code test.work} writes, in the app schema of {@code db}. */
    public static void createExecutionsTable(TestDatabase db) {
        db.db().jdbi().useHandle(h -> h.execute("CREATE TABLE IF NOT EXISTS \"" + db.config().appSchema()
                + "\".executions (job_id bigint NOT NULL, attempt int NOT NULL, worker text NOT NULL, "
                + "at timestamptz NOT NULL DEFAULT clock_timestamp())"));
    }
}
