package io.jobfleet.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.engine.JobContext;
import io.jobfleet.engine.JobHandler;
import io.jobfleet.engine.JobOutcome;
import java.util.List;

/** The benchmark's job kinds, all in queue {@value #QUEUE}. */
final class BenchHandlers {
    static final String QUEUE = "bench";
    static final String NOOP = "bench.noop";
    static final String LATENCY = "bench.latency";
    /** Sleeps (ten minutes) on attempt 1, completes at once on later attempts: the rescue workload. */
    static final String SLEEP_FIRST = "bench.sleep_first";

    private BenchHandlers() {
    }

    /** Handlers for a worker JVM: no-op and sleep-on-first-attempt. */
    static List<JobHandler<?>> forWorkerProcess() {
        return List.of(noop(new StartMarks()), sleepFirst());
    }

    static JobHandler<JsonNode> noop(StartMarks marks) {
        return new Handler(NOOP, (p, ctx) -> marks.started());
    }

    static JobHandler<JsonNode> latency(StartMarks marks) {
        return new Handler(LATENCY, (p, ctx) -> marks.started(ctx.jobId()));
    }

    static JobHandler<JsonNode> sleepFirst() {
        return new Handler(SLEEP_FIRST, (p, ctx) -> {
            if (ctx.attempt() == 1) {
                Thread.sleep(600_000);
            }
        });
    }

    @FunctionalInterface
    private interface Body {
        void run(JsonNode payload, JobContext ctx) throws Exception;
    }

    private record Handler(String kind, Body body) implements JobHandler<JsonNode> {
        @Override
        public Class<JsonNode> payloadType() {
            return JsonNode.class;
        }

        @Override
        public JobOutcome handle(JsonNode payload, JobContext context) throws Exception {
            body.run(payload, context);
            return JobOutcome.done(null);
        }
    }
}
