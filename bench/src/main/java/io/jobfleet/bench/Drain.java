package io.jobfleet.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Waits until a system has finished every job, as seen in its own table: the same method for
 * jobfleet and the peers. It first waits in memory until every job's handler has started, so the
 * count below does not load the server while the system drains, then one connection runs the
 * count every {@link #POLL}; the end is the first poll that sees no job left, so the figure may
 * be late by at most one poll.
 */
final class Drain {
    static final Duration POLL = Duration.ofMillis(5);
    /** Marks the bench's own statements, so statement counts of a system can leave them out. */
    static final String MARK = "/* bench */ ";

    private Drain() {
    }

    /**
     * Waits until every job counted by {@code marks} has started, then polls {@code remainingSql}
     * (one count) until it returns 0.
     *
     * @return {@link System#nanoTime()} of the poll that saw 0
     * @throws IllegalStateException when jobs remain after {@code timeout}
     */
    static long awaitEmpty(DataSource ds, String remainingSql, StartMarks marks, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        marks.awaitAll(timeout.toNanos());
        long remaining = -1;
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(MARK + remainingSql)) {
            while (System.nanoTime() - deadline < 0) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    remaining = rs.getLong(1);
                }
                if (remaining == 0) {
                    return System.nanoTime();
                }
                Thread.sleep(POLL.toMillis());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("drain poll failed: " + e.getMessage(), e);
        }
        throw new IllegalStateException(remaining + " job(s) still not done after " + timeout.toSeconds() + " s");
    }
}
