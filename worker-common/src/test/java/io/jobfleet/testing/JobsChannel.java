package io.jobfleet.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * A connection listening on a test schema's jobs channel, as a worker's listener does. What a
 * statement sent is read up to a marker notification sent after it: notifications arrive in
 * commit order, so everything the statement sent has arrived before the marker.
 */
public final class JobsChannel implements AutoCloseable {
    private final TestDatabase db;
    private final Connection listening;
    private int markers;

    public JobsChannel(TestDatabase db, String name) throws SQLException {
        this.db = db;
        this.listening = db.db().openDedicatedConnection(name);
        try (Statement s = listening.createStatement()) {
            s.execute("LISTEN \"" + db.db().queue().channel() + "\"");
        }
    }

    /** The payloads received since the last call, up to a marker sent now. */
    public List<String> drainUpToMarker() throws SQLException {
        String marker = "marker-" + ++markers;
        db.execute("SELECT pg_notify('" + db.db().queue().channel() + "', '" + marker + "')");
        List<String> got = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() - deadline < 0) {
            PGNotification[] ns = listening.unwrap(PGConnection.class).getNotifications(1000);
            for (PGNotification n : ns == null ? new PGNotification[0] : ns) {
                if (n.getParameter().equals(marker)) {
                    return got;
                }
                got.add(n.getParameter());
            }
        }
        throw new AssertionError("marker " + marker + " did not arrive within 10 s; got " + got);
    }

    @Override
    public void close() throws SQLException {
        listening.close();
    }
}
