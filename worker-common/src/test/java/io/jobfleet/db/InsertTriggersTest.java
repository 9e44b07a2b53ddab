package io.jobfleet.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobfleet.testing.JobsChannel;
import io.jobfleet.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the jobs table's insert triggers do, whoever inserts (an app's own INSERT, not only
 * {@code enqueue()}): the notification that wakes the workers (one per queue with due pending
 * jobs, one per queue with pending jobs due later, saying when) and the traceparent check (a
 * malformed value dropped with a WARNING, a well-formed one kept). Schema version 20 wrote both
 * anew for speed; these are the effects they must keep.
 */
class InsertTriggersTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARENT = "00f067aa0ba902b7";
    private JobsChannel channel;
    private Connection app;

    @BeforeEach
    void connect() throws SQLException {
        DB.truncateJobs();
        channel = new JobsChannel(DB, "insert-triggers-test");
        app = DB.db().dataSource().getConnection();
    }

    @AfterEach
    void close() throws SQLException {
        try (JobsChannel c = channel; Connection a = app) {
            DB.truncateJobs();
        }
    }

    @Test
    void oneDueJobWakesItsQueue() throws SQLException {
        insert("INSERT INTO " + DB.jobs() + " (queue, kind) VALUES ('mail', 'k')");

        assertThat(channel.drainUpToMarker()).containsExactly("mail");
    }

    @Test
    void oneStatementSendsEachQueueItsDueNoticeAndItsEarliestLaterTime() throws SQLException {
        Instant soon = Instant.now().plus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.MILLIS);
        Instant later = soon.plus(Duration.ofMinutes(5));
        Instant other = soon.plus(Duration.ofMinutes(1));
        try (PreparedStatement s = app.prepareStatement("INSERT INTO " + DB.jobs() + " (queue, kind, status, scheduled_at) "
                + "VALUES ('a', 'k', 'pending', now()), ('a', 'k', 'pending', now() - interval '1 minute'), "
                + "('a', 'k', 'pending', ?), ('a', 'k', 'pending', ?), ('b', 'k', 'pending', ?), "
                + "('c', 'k', 'completed', now()), ('d', 'k', 'cancelled', ?)")) {
            s.setObject(1, OffsetDateTime.ofInstant(later, ZoneOffset.UTC));
            s.setObject(2, OffsetDateTime.ofInstant(soon, ZoneOffset.UTC));
            s.setObject(3, OffsetDateTime.ofInstant(other, ZoneOffset.UTC));
            s.setObject(4, OffsetDateTime.ofInstant(soon, ZoneOffset.UTC));
            s.executeUpdate();
        }

        assertThat(channel.drainUpToMarker()).containsExactlyInAnyOrder(
                "a", "a\t" + soon.toEpochMilli(), "b\t" + other.toEpochMilli());
    }

    @Test
    void aStatementThatInsertsNoPendingJobWakesNoOne() throws SQLException {
        insert("INSERT INTO " + DB.jobs() + " (queue, kind, status) VALUES ('a', 'k', 'completed')");
        insert("INSERT INTO " + DB.jobs() + " (queue, kind) SELECT 'a', 'k' WHERE false");

        assertThat(channel.drainUpToMarker()).isEmpty();
    }

    @Test
    void aWellFormedTraceparentIsKeptAndNoWarningIsRaised() throws SQLException {
        String traceparent = "00-" + TRACE + "-" + PARENT + "-01";
        try (PreparedStatement s = app.prepareStatement("INSERT INTO " + DB.jobs()
                + " (queue, kind, traceparent) VALUES ('t', 'k', ?) RETURNING traceparent")) {
            s.setString(1, traceparent);
            assertThat(returned(s)).isEqualTo(traceparent);
            assertThat(warnings(s)).isEmpty();
        }
    }

    @Test
    void aMalformedTraceparentIsDroppedWithAWarningOnInsertAndOnUpdate() throws SQLException {
        List<String> malformed = List.of("00-" + TRACE.toUpperCase() + "-" + PARENT + "-01",
                "ff-" + TRACE + "-" + PARENT + "-01", "00-" + "0".repeat(32) + "-" + PARENT + "-01",
                "00-" + TRACE + "-" + "0".repeat(16) + "-01", "00-" + TRACE + "-" + PARENT + "-01-extra", "abc");
        for (String value : malformed) {
            try (PreparedStatement s = app.prepareStatement("INSERT INTO " + DB.jobs()
                    + " (queue, kind, traceparent) VALUES ('t', 'k', ?) RETURNING traceparent")) {
                s.setString(1, value);
                assertThat(returned(s)).as(value).isNull();
                assertThat(warnings(s)).as(value).singleElement().asString()
                        .contains("traceparent of a k job ignored: not a W3C traceparent")
                        .contains(value.length() + " characters given");
            }
        }
        long id = DB.db().queue().enqueue(NewJob.of("t", "k", "{}").withTraceparent("00-" + TRACE + "-" + PARENT + "-01"));
        try (PreparedStatement s = app.prepareStatement("UPDATE " + DB.jobs()
                + " SET traceparent = 'abc' WHERE id = ? RETURNING traceparent")) {
            s.setLong(1, id);
            assertThat(returned(s)).isNull();
            assertThat(warnings(s)).singleElement().asString().contains("3 characters given");
        }
    }

    private void insert(String sql) throws SQLException {
        try (Statement s = app.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    private static String returned(PreparedStatement s) throws SQLException {
        try (ResultSet rs = s.executeQuery()) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    private static List<String> warnings(Statement s) throws SQLException {
        List<String> all = new ArrayList<>();
        for (SQLWarning w = s.getWarnings(); w != null; w = w.getNextWarning()) {
            all.add(w.getMessage());
        }
        return all;
    }
}
