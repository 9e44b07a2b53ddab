package io.jobfleet.cli;

import static io.jobfleet.config.EngineConfig.CONCURRENCY_DEFAULT;
import static io.jobfleet.config.EngineConfig.GRACE_DEFAULT_TEXT;
import static io.jobfleet.config.EngineConfig.LEASE_DEFAULT_TEXT;
import static io.jobfleet.config.EngineConfig.LISTEN_DEFAULT;
import static io.jobfleet.config.EngineConfig.POLL_MAX_DEFAULT_TEXT;
import static io.jobfleet.config.EngineConfig.POLL_MIN_DEFAULT_TEXT;
import static io.jobfleet.config.EngineConfig.PREFETCH_DEFAULT_TEXT;
import static io.jobfleet.config.EngineConfig.RESCUE_INTERVAL_DEFAULT_TEXT;
import static io.jobfleet.config.EngineConfig.RETRY_BASE_DEFAULT_TEXT;
import static io.jobfleet.config.EngineConfig.RETRY_MAX_DEFAULT_TEXT;

import io.jobfleet.config.DurationConverter;
import io.jobfleet.config.EngineConfig;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * Flags of the {@code run} command's engine; each has a {@code JOBFLEET_*} environment variable,
 * and its default is {@link EngineConfig}'s.
 */
public final class EngineOptions {
    @Option(names = "--concurrency", paramLabel = "N",
            defaultValue = "${env:JOBFLEET_CONCURRENCY:-" + CONCURRENCY_DEFAULT + "}",
            description = "Handler threads: jobs run at once by this process (env JOBFLEET_CONCURRENCY, default ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--lease", paramLabel = "DURATION", defaultValue = "${env:JOBFLEET_LEASE:-" + LEASE_DEFAULT_TEXT + "}",
            converter = DurationConverter.class,
            description = "Lease of a claimed job, renewed every lease/3 by the heartbeat; a dead worker's jobs are "
                    + "rescued after it (env JOBFLEET_LEASE, default ${DEFAULT-VALUE}).")
    Duration lease;

    @Option(names = "--rescue-interval", paramLabel = "DURATION",
            defaultValue = "${env:JOBFLEET_RESCUE_INTERVAL:-" + RESCUE_INTERVAL_DEFAULT_TEXT + "}",
            converter = DurationConverter.class,
            description = "Longest delay past a lease's expiry before its job is rescued (env JOBFLEET_RESCUE_INTERVAL, default ${DEFAULT-VALUE}).")
    Duration rescueInterval;

    @Option(names = "--grace", paramLabel = "DURATION", defaultValue = "${env:JOBFLEET_GRACE:-" + GRACE_DEFAULT_TEXT + "}",
            converter = DurationConverter.class,
            description = "On SIGTERM, how long running jobs may finish before they are handed back "
                    + "(env JOBFLEET_GRACE, default ${DEFAULT-VALUE}).")
    Duration grace;

    @Option(names = "--poll-min", paramLabel = "DURATION",
            defaultValue = "${env:JOBFLEET_POLL_MIN:-" + POLL_MIN_DEFAULT_TEXT + "}", converter = DurationConverter.class,
            description = "Poll interval after a job was found; grows x1.5 per empty poll (env JOBFLEET_POLL_MIN, default ${DEFAULT-VALUE}).")
    Duration pollMin;

    @Option(names = "--poll-max", paramLabel = "DURATION",
            defaultValue = "${env:JOBFLEET_POLL_MAX:-" + POLL_MAX_DEFAULT_TEXT + "}", converter = DurationConverter.class,
            description = "Longest poll interval (env JOBFLEET_POLL_MAX, default ${DEFAULT-VALUE}).")
    Duration pollMax;

    @Option(names = "--listen", negatable = true, defaultValue = "${env:JOBFLEET_LISTEN:-" + LISTEN_DEFAULT + "}",
            fallbackValue = "true",
            description = "Wake on LISTEN/NOTIFY; --no-listen polls only (behind a transaction-mode pooler "
                    + "see --db-pooler and --listen-url) (env JOBFLEET_LISTEN, default ${DEFAULT-VALUE}).")
    boolean listen;

    @Option(names = "--retry-base", paramLabel = "DURATION",
            defaultValue = "${env:JOBFLEET_RETRY_BASE:-" + RETRY_BASE_DEFAULT_TEXT + "}", converter = DurationConverter.class,
            description = "Backoff bound after the first failed attempt, doubled per attempt, full jitter "
                    + "(env JOBFLEET_RETRY_BASE, default ${DEFAULT-VALUE}).")
    Duration retryBase;

    @Option(names = "--retry-max", paramLabel = "DURATION",
            defaultValue = "${env:JOBFLEET_RETRY_MAX:-" + RETRY_MAX_DEFAULT_TEXT + "}", converter = DurationConverter.class,
            description = "Largest backoff between attempts (env JOBFLEET_RETRY_MAX, default ${DEFAULT-VALUE}).")
    Duration retryMax;

    @Option(names = "--prefetch", paramLabel = "auto|N",
            defaultValue = "${env:JOBFLEET_PREFETCH:-" + PREFETCH_DEFAULT_TEXT + "}",
            description = "Claimed jobs that may wait for a free handler thread (their timeout starts when they start). "
                    + "auto: as many as the threads finish in about 50 ms, from the jobs' measured run time (none for "
                    + "slow jobs, up to 3 per thread for jobs of a few ms); a number fixes it, 0 for none "
                    + "(env JOBFLEET_PREFETCH, default ${DEFAULT-VALUE}).")
    String prefetch;

    public EngineConfig toConfig(String queue) {
        return EngineConfig.builder(queue).concurrency(concurrency).pollMin(pollMin).pollMax(pollMax).listen(listen)
                .lease(lease).rescueInterval(rescueInterval).grace(grace).retryBase(retryBase).retryMax(retryMax)
                .prefetch(prefetch).build();
    }
}
