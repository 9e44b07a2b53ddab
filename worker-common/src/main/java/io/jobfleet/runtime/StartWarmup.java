package io.jobfleet.runtime;

import io.jobfleet.support.Json;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one-time initialisations that a worker's first claim waits for, run on a daemon thread of
 * their own while the main thread parses the command line: on two cores the second one would
 * otherwise sit idle through them. Each step is one the process takes anyway, on first use;
 * here it only comes sooner, and a step that fails here fails again where it is used, with the
 * error it always gave.
 *
 * <ul>
 * <li>the logging set-up: logback runs {@link io.jobfleet.cli.LogConfigurator} and builds the JSON encoder when the
 *     first logger is asked for;</li>
 * <li>the JDBC driver;</li>
 * <li>the JFR event Jdbi registers before its first statement (the flight recorder's event
 *     metadata and a generated event class: about a quarter of a second of CPU, otherwise paid
 *     by the first statement, that is in the middle of the first claim);</li>
 * <li>the JSON mapper of payloads and results.</li>
 * </ul>
 *
 * <p>Nothing may log while the logging set-up runs here: SLF4J would hold the calls back and
 * replay them with a warning. The caller therefore builds its command line in the meantime (that
 * logs nothing) in {@link #whileBuilding}, which waits for logging before it returns.
 */
public final class StartWarmup {
    private static final String JDBC_DRIVER = "org.postgresql.Driver";
    // Jdbi's internal class: when a Jdbi release renames it, the warm-up skips this step
    private static final String JDBI_JFR_SUPPORT = "org.jdbi.v3.core.statement.internal.JfrSupport";

    private static final long LOGGING_WAIT_SECONDS = 10;
    private static final AtomicBoolean STARTED = new AtomicBoolean();
    private static final CountDownLatch LOGGING = new CountDownLatch(1);

    private StartWarmup() {
    }

    /**
     * Starts the warm-up, runs {@code build} meanwhile (it must log nothing: the command line of
     * the process), then waits until logging is set up and returns what {@code build} made. Call it
     * once the log format is chosen; the warm-up runs once per process.
     */
    public static <T> T whileBuilding(Supplier<T> build) {
        start();
        T built = build.get();
        awaitLogging();
        return built;
    }

    private static void start() {
        if (!STARTED.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(StartWarmup::run, "jobfleet-warmup");
        t.setDaemon(true);
        t.start();
    }

    /** Returns once the logging set-up that {@link #start} began is done (at most 10 s). */
    private static void awaitLogging() {
        try {
            LOGGING.await(LOGGING_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void run() {
        Logger log;
        try {
            log = LoggerFactory.getLogger(StartWarmup.class);
        } finally {
            LOGGING.countDown();
        }
        initialise(JDBI_JFR_SUPPORT, log);
        initialise(JDBC_DRIVER, log);
        Json.mapper();
    }

    private static void initialise(String className, Logger log) {
        try {
            Class.forName(className, true, StartWarmup.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            log.debug("start warm-up: {} not initialised early ({})", className, e.toString());
        }
    }
}
