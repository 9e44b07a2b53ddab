package io.jobfleet.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.engine.JobHandler;
import io.jobfleet.engine.JobOutcome;
import io.jobfleet.family.FamilyRuntime;
import io.jobfleet.family.WorkerFamily;
import java.util.List;
import java.util.Map;

/**
 * The family of test worker processes, queue {@code test}:
 * {@code test.work} sleeps {@code ms} (only on attempt {@code sleep_on_attempt} when given), then
 * records one row in the app table {@code executions} in its fenced completion;
 * {@code test.noop} does nothing.
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
        return List.of("test.work", "test.noop");
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
        }), TestHandler.json("test.noop", (p, ctx) -> JobOutcome.done(null)));
    }

    /** The side table {@code test.work} writes, in the app schema of {@code db}. */
    public static void createExecutionsTable(TestDatabase db) {
        db.db().jdbi().useHandle(h -> h.execute("CREATE TABLE IF NOT EXISTS \"" + db.config().appSchema()
                + "\".executions (job_id bigint NOT NULL, attempt int NOT NULL, worker text NOT NULL, "
                + "at timestamptz NOT NULL DEFAULT clock_timestamp())"));
    }
}
