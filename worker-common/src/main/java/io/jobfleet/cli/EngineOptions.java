package io.jobfleet.cli;

import io.jobfleet.config.DurationConverter;
import io.jobfleet.config.EngineConfig;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Flags of the {@code run} command's engine; each has a {@code JOBFLEET_*} environment variable. */
public final class EngineOptions {
    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "${env:JOBFLEET_CONCURRENCY:-8}",
            description = "Handler threads: jobs run at once by this process (env JOBFLEET_CONCURRENCY, default ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--lease", paramLabel = "DURATION", defaultValue = "${env:JOBFLEET_LEASE:-15s}",
            converter = DurationConverter.class,
            description = "Lease of a claimed job, renewed every lease/3 by the heartbeat; a dead worker's jobs are "
                    + "rescued after it (env JOBFLEET_LEASE, default ${DEFAULT-VALUE}).")
    Duration lease;

    @Option(names = "--rescue-interval", paramLabel = "DURATION",
            defaultValue = "${env:JOBFLEET_RESCUE_INTERVAL:-5s}", converter = DurationConverter.class,
            description = "Longest delay past a lease's expiry before its job is rescued (env JOBFLEET_RESCUE_INTERVAL, default ${DEFAULT-VALUE}).")
    Duration rescueInterval;

    @Option(names = "--grace", paramLabel = "DURATION", defaultValue = "${env:JOBFLEET_GRACE:-25s}",
            converter = DurationConverter.class,
            description = "On SIGTERM, how long running jobs may finish before they are handed back "
                    + "(env JOBFLEET_GRACE, default ${DEFAULT-VALUE}).")
    Duration grace;

    @Option(names = "--poll-min", paramLabel = "DURATION", defaultValue = "${env:JOBFLEET_POLL_MIN:-2s}",
            converter = DurationConverter.class,
            description = "Poll interval after a job was found; grows x1.5 per empty poll (env JOBFLEET_POLL_MIN, default ${DEFAULT-VALUE}).")
    Duration pollMin;

    @Option(names = "--poll-max", paramLabel = "DURATION", defaultValue = "${env:JOBFLEET_POLL_MAX:-30s}",
            converter = DurationConverter.class,
            description = "Longest poll interval (env JOBFLEET_POLL_MAX, default ${DEFAULT-VALUE}).")
    Duration pollMax;

    @Option(names = "--listen", negatable = true, defaultValue = "${env:JOBFLEET_LISTEN:-true}", fallbackValue = "true",
            description = "Wake on LISTEN/NOTIFY; --no-listen polls only, for poolers in transaction mode "
                    + "(env JOBFLEET_LISTEN, default ${DEFAULT-VALUE}).")
    boolean listen;

    @Option(names = "--retry-base", paramLabel = "DURATION", defaultValue = "${env:JOBFLEET_RETRY_BASE:-5s}",
            converter = DurationConverter.class,
            description = "Backoff bound after the first failed attempt, doubled per attempt, full jitter "
                    + "(env JOBFLEET_RETRY_BASE, default ${DEFAULT-VALUE}).")
    Duration retryBase;

    @Option(names = "--retry-max", paramLabel = "DURATION", defaultValue = "${env:JOBFLEET_RETRY_MAX:-10m}",
            converter = DurationConverter.class,
            description = "Largest backoff between attempts (env JOBFLEET_RETRY_MAX, default ${DEFAULT-VALUE}).")
    Duration retryMax;

    @Option(names = "--prefetch", paramLabel = "N", defaultValue = "${env:JOBFLEET_PREFETCH:-0}",
            description = "Claimed jobs that may wait for a free handler thread (their timeout starts when they start); "
                    + "raise for many short jobs, keep 0 for slow ones shared by several workers "
                    + "(env JOBFLEET_PREFETCH, default ${DEFAULT-VALUE}).")
    int prefetch;

    public EngineConfig toConfig(String queue) {
        return new EngineConfig(queue, concurrency, pollMin, pollMax, EngineConfig.POLL_FACTOR_DEFAULT, listen,
                lease, rescueInterval, EngineConfig.RESCUE_BATCH_DEFAULT, grace, retryBase, retryMax, prefetch).validate();
    }
}
