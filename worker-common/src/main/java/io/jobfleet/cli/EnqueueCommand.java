package io.jobfleet.cli;

import io.jobfleet.config.DurationConverter;
import io.jobfleet.db.Database;
import io.jobfleet.db.NewJob;
import io.jobfleet.engine.Payloads;
import io.jobfleet.tracing.Traceparent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code enqueue}: adds a job, as the app would with {@code jobfleet.enqueue(...)}. */
@Command(name = "enqueue", mixinStandardHelpOptions = true,
        description = {"Add a job and print its id.",
                "With --dedup-key, a job already pending or running with the same key in the same queue is "
                + "not duplicated: its id is printed instead."})
public final class EnqueueCommand implements Callable<Integer> {
    @ParentCommand
    JobfleetCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    DbOptions db;

    @Option(names = "--kind", required = true, paramLabel = "KIND", description = "Job kind, e.g. ai.generate.")
    String kind;

    @Option(names = "--queue", paramLabel = "QUEUE",
            description = "Queue; defaults to the queue of the family that runs the kind.")
    String queue;

    @Option(names = "--payload", paramLabel = "JSON", defaultValue = "{}",
            description = "Payload: a JSON object, @FILE to read it from a file, or - for stdin (default ${DEFAULT-VALUE}).")
    String payload;

    @Option(names = "--priority", defaultValue = "0", description = "Higher runs first (default ${DEFAULT-VALUE}).")
    int priority;

    @Option(names = "--delay", paramLabel = "DURATION", defaultValue = "0s", converter = DurationConverter.class,
            description = "Do not run before this delay has passed, e.g. 30s, 5m (default ${DEFAULT-VALUE}).")
    Duration delay;

    @Option(names = "--dedup-key", paramLabel = "KEY", description = "At most one pending-or-running job per key and queue.")
    String dedupKey;

    @Option(names = "--max-attempts", defaultValue = "3", description = "Attempts before the job fails (default ${DEFAULT-VALUE}).")
    int maxAttempts;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "300s", converter = DurationConverter.class,
            description = "Watchdog limit for one attempt (default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--traceparent", paramLabel = "TRACEPARENT", defaultValue = "${env:JOBFLEET_TRACEPARENT}",
            description = "W3C trace context of the caller (00-<trace id>-<parent id>-<flags>): the job's attempt "
                    + "spans join that trace (env JOBFLEET_TRACEPARENT; docs/tracing.md).")
    String traceparent;

    @Option(names = "--json", description = "Print {\"id\": N} instead of the bare id.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        String body = readPayload();
        if (!Payloads.tree(body).isObject()) {
            throw new CommandFailure(ExitCodes.USAGE, "--payload must be a JSON object");
        }
        if (maxAttempts < 1) {
            throw new CommandFailure(ExitCodes.USAGE, "--max-attempts must be at least 1");
        }
        if (traceparent != null && Traceparent.parse(traceparent).isEmpty()) {
            throw new CommandFailure(ExitCodes.USAGE, "--traceparent is " + Traceparent.malformed(traceparent));
        }
        NewJob job = NewJob.of(resolveQueue(), kind, body).withPriority(priority).withDelay(delay)
                .withDedupKey(dedupKey).withMaxAttempts(maxAttempts)
                .withTimeoutSeconds((int) Math.max(1, timeout.toSeconds())).withTraceparent(traceparent);
        try (Database database = Database.open(db.toConfig(2), "jobfleet-enqueue")) {
            long id = database.queue().enqueue(job);
            spec.commandLine().getOut().println(json ? "{\"id\": " + id + "}" : Long.toString(id));
        }
        return ExitCodes.OK;
    }

    private String resolveQueue() {
        if (queue != null) {
            return queue;
        }
        return root.queueOfKind(kind);
    }

    private String readPayload() throws IOException {
        if (payload.equals("-")) {
            return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (payload.startsWith("@")) {
            return Files.readString(Path.of(payload.substring(1)), StandardCharsets.UTF_8);
        }
        return payload;
    }
}
