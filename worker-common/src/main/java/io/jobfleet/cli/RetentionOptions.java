package io.jobfleet.cli;

import io.jobfleet.config.DurationConverter;
import io.jobfleet.config.RetentionConfig;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Flags of the pruning that {@code run} does in the background. */
public final class RetentionOptions {
    @Option(names = "--retention", paramLabel = "DURATION", defaultValue = "${env:JOBFLEET_RETENTION:-" + RetentionConfig.RETENTION_DEFAULT_TEXT + "}",
            converter = DurationConverter.class,
            description = "Finished jobs (completed, failed, cancelled) older than this are deleted by the workers; "
                    + "0 keeps them (env JOBFLEET_RETENTION, default ${DEFAULT-VALUE}).")
    Duration retention;

    @Option(names = "--prune-interval", paramLabel = "DURATION",
            defaultValue = "${env:JOBFLEET_PRUNE_INTERVAL:-" + RetentionConfig.INTERVAL_DEFAULT_TEXT + "}", converter = DurationConverter.class,
            description = "How often a worker prunes; one worker at a time does it (env JOBFLEET_PRUNE_INTERVAL, "
                    + "default ${DEFAULT-VALUE}).")
    Duration interval;

    public RetentionConfig toConfig() {
        return new RetentionConfig(retention, interval, RetentionConfig.BATCH_DEFAULT);
    }
}
