package io.jobfleet.wake;

import io.jobfleet.db.Database;
import io.jobfleet.service.Backoff;
import io.jobfleet.support.LogContext;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LISTENs for new jobs on a dedicated connection (not from the pool, which may sit behind a
 * transaction-mode pooler) and passes each notified queue name on. Reconnects with backoff after
 * the connection drops, and reports a reconnect as a wake-up for every queue, since notifications
 * sent while it was away are lost. Logs once per change of state.
 */
public final class NotifyListener implements io.jobfleet.service.Service {
    private static final Logger log = LoggerFactory.getLogger(NotifyListener.class);
    private static final int RECEIVE_TIMEOUT_MS = 1000;
    private static final Duration RECONNECT_MIN = Duration.ofMillis(500);
    private static final Duration RECONNECT_MAX = Duration.ofSeconds(30);
    /** Passed on after a reconnect: every listener should poll once. */
    public static final String ANY_QUEUE = "*";

    private final Database db;
    private final String workerId;
    private final String name;
    private final Consumer<String> onQueue;
    private volatile boolean stopping;
    private volatile boolean connected;
    private volatile Thread thread;
    private volatile Connection connection;
    private final InstantSource hostClock;
    // the database's clock minus this host's, measured on each connection (a notice's due time is on
    // the database's clock)
    private volatile long databaseAheadMillis;

    public NotifyListener(Database db, String workerId, Consumer<String> onQueue) {
        this(db, workerId, onQueue, InstantSource.system());
    }

    /** A listener that compares the database's clock with {@code hostClock} (tests: a host whose clock is off). */
    NotifyListener(Database db, String workerId, Consumer<String> onQueue, InstantSource hostClock) {
        this.db = db;
        this.workerId = workerId;
        this.name = "jobfleet-listen";
        this.onQueue = onQueue;
        this.applicationName = "jobfleet-listen " + workerId;
        this.hostClock = hostClock;
    }

    /**
     * Now on the database's clock, as far as this host can tell: its own clock plus the difference
     * measured when the connection was made. A notice's due time ({@link DueNotice}) is on the
     * database's clock; on a host whose clock runs ahead of it by more than the claim loop's slack,
     * the worker looked for a job inserted for later before it was due, found none, and waited for
     * its poll (up to --poll-max).
     */
    public Instant databaseNow() {
        return hostClock.instant().plusMillis(databaseAheadMillis);
    }

    private final String applicationName;

    @Override
    public String name() {
        return name;
    }

    public boolean isConnected() {
        return connected;
    }

    @Override
    public synchronized void start() {
        if (thread != null || stopping) {
            return;
        }
        Thread t = new Thread(this::loop, name);
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    private void loop() {
        LogContext.worker(workerId);
        Backoff backoff = Backoff.doubling(RECONNECT_MIN, RECONNECT_MAX);
        boolean firstFailure = true;
        boolean wasConnected = false;
        boolean everConnected = false;
        while (!stopping) {
            try (Connection c = db.openDedicatedConnection(applicationName)) {
                connection = c;
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN \"" + db.notifyChannel() + "\"");
                    databaseAheadMillis = databaseAhead(s);
                }
                connected = true;
                if (!wasConnected && everConnected) {
                    log.info("notification connection restored; listening on {}", db.notifyChannel());
                }
                if (everConnected) {
                    onQueue.accept(ANY_QUEUE);
                }
                wasConnected = true;
                everConnected = true;
                backoff.reset();
                firstFailure = true;
                receive(c.unwrap(PGConnection.class));
            } catch (SQLException | RuntimeException e) {
                connected = false;
                if (stopping) {
                    break;
                }
                if (wasConnected || !everConnected && firstFailure) {
                    log.warn("notification connection lost ({}); polling until it is back", e.toString());
                }
                wasConnected = false;
                firstFailure = false;
                sleep(backoff.next());
            } finally {
                connection = null;
                connected = false;
            }
        }
    }

    /** The database's clock minus this host's, in ms: read between two readings of this host's, whose middle it is compared with. */
    private long databaseAhead(Statement s) throws SQLException {
        long before = hostClock.millis();
        try (ResultSet rs = s.executeQuery("SELECT (extract(epoch FROM pg_catalog.clock_timestamp()) * 1000)::bigint")) {
            long after = hostClock.millis();
            rs.next();
            return rs.getLong(1) - (before + after) / 2;
        }
    }

    private void receive(PGConnection pg) throws SQLException {
        while (!stopping) {
            PGNotification[] batch = pg.getNotifications(RECEIVE_TIMEOUT_MS);
            if (batch == null) {
                continue;
            }
            for (PGNotification n : batch) {
                onQueue.accept(n.getParameter());
            }
        }
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }

    @Override
    public void stop(Duration timeout) {
        stopping = true;
        Thread t = thread;
        if (t == null) {
            return;
        }
        // the receive blocks up to RECEIVE_TIMEOUT_MS in a socket read: cut the socket so it ends now
        Connection c = connection;
        if (c != null) {
            try {
                c.abort(Runnable::run);
            } catch (SQLException | RuntimeException ignored) {
                // aborting only to unblock the receive; the join below still bounds the wait
            }
        }
        try {
            t.join(Math.max(1, Math.min(timeout.toMillis(), RECEIVE_TIMEOUT_MS * 2L)));
            if (t.isAlive()) {
                t.interrupt();
                t.join(1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
