package io.jobfleet.db;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the database answered the last statement of any service of this process. It logs once
 * per change of state, not once per failed poll, so an outage is two log lines.
 */
public final class DatabaseHealth {
    private static final Logger log = LoggerFactory.getLogger(DatabaseHealth.class);

    /** The longest {@link #afterFirstRound} waits. */
    public static final Duration FIRST_ROUND_WAIT = Duration.ofSeconds(2);

    private final AtomicReference<State> state = new AtomicReference<>(new State(true, Instant.now(), null));
    private final CountDownLatch answered = new CountDownLatch(1);

    public record State(boolean up, Instant since, String reason) {
    }

    public void reportSuccess() {
        answered.countDown();
        State s = state.get();
        if (!s.up() && state.compareAndSet(s, new State(true, Instant.now(), null))) {
            log.info("database reachable again after {} s", Instant.now().getEpochSecond() - s.since().getEpochSecond());
        }
    }

    public void reportFailure(Throwable e) {
        answered.countDown();
        State s = state.get();
        if (s.up()) {
            String reason = describe(e);
            if (state.compareAndSet(s, new State(false, Instant.now(), reason))) {
                log.warn("database unreachable: {}; jobs in hand are kept and retried, polling backs off", reason);
            }
        }
    }

    /**
     * A round of a service's work failed: a lost connection counts as an outage (logged once per
     * change of state, here), any other error is logged on {@code log} as "{@code what} failed".
     */
    public void roundFailed(Logger log, String what, Exception e) {
        if (isConnectionProblem(e)) {
            reportFailure(e);
        } else {
            answered.countDown();
            log.warn("{} failed: {}", what, e.toString());
        }
    }

    /**
     * Runs {@code action} on a daemon thread named {@code threadName} once a round of some service
     * was reported (success or failure), or after {@link #FIRST_ROUND_WAIT} (a gate may hold the
     * first claim back): the services a worker starts after its first claim round start here. The
     * action checks itself that its owner is not stopping by then.
     */
    public void afterFirstRound(String threadName, Runnable action) {
        Thread t = new Thread(() -> {
            try {
                answered.await(FIRST_ROUND_WAIT.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            action.run();
        }, threadName);
        t.setDaemon(true);
        t.start();
    }

    public boolean isUp() {
        return state.get().up();
    }

    public State state() {
        return state.get();
    }

    /** Whether an exception means the database could not be reached (rather than a bad statement). */
    public static boolean isConnectionProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException) {
                return false; // a port of this process's own that is taken, never the database
            }
            if (t instanceof java.sql.SQLTransientConnectionException
                    || t instanceof java.sql.SQLNonTransientConnectionException
                    || t instanceof java.net.ConnectException
                    || t instanceof java.io.EOFException
                    || t instanceof java.net.SocketException) {
                return true;
            }
            // connection exceptions (08), too many connections (53300), the server shutting down,
            // crashed, starting, or the session or database gone (57P)
            if (t instanceof java.sql.SQLException se && se.getSQLState() != null
                    && (se.getSQLState().startsWith("08") || se.getSQLState().equals("53300")
                        || se.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        return root.getClass().getSimpleName() + (m == null ? "" : ": " + m.lines().findFirst().orElse(""));
    }
}
