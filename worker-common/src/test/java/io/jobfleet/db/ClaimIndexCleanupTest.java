package io.jobfleet.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobfleet.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Schema version 16: a vacuum of jobs as autovacuum runs it (the table's own settings) cleans the
 * claim's index on a table of many finished jobs, where PostgreSQL's default skips the indexes
 * while the dead row versions sit on under 2% of the table's pages, and every claim went on
 * stepping over the entries of the jobs claimed before.
 */
class ClaimIndexCleanupTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    private static final int HISTORY = 400_000;
    private static final int CLAIMED = 2_000;

    @Test
    void aVacuumOfATableOfManyFinishedJobsCleansTheClaimIndex() throws SQLException {
        String jobs = DB.jobs();
        String settings = DB.db().jdbi().withHandle(h -> h.createQuery("SELECT array_to_string(reloptions, ',') FROM "
                + "pg_catalog.pg_class WHERE oid = CAST(:t AS regclass)").bind("t", jobs).mapTo(String.class).one());
        assertThat(settings).contains("vacuum_index_cleanup=on", "autovacuum_vacuum_scale_factor=0.002");
        DB.execute("ALTER TABLE " + jobs + " SET (autovacuum_enabled = false)"); // only this test's vacuums
        DB.execute("INSERT INTO " + jobs + " (queue, kind, status, attempts, locked_by, started_at, completed_at) "
                + "SELECT 'history', 'k', 'completed', 1, 'w0', now(), now() FROM generate_series(1, " + HISTORY + ")");
        DB.execute("VACUUM ANALYZE " + jobs);
        DB.execute("INSERT INTO " + jobs + " (queue, kind) SELECT 'alpha', 'k' FROM generate_series(1, " + CLAIMED + ")");
        QueueSql queue = DB.db().queue();
        List<ClaimedJob> claimed = queue.claim("alpha", "w1", CLAIMED, Duration.ofMinutes(1));
        assertThat(claimed).hasSize(CLAIMED);
        queue.completeBatch("w1", claimed.stream().map(ClaimedJob::held).toList(),
                Collections.nCopies(CLAIMED, "null"));
        DB.execute("INSERT INTO " + jobs + " (queue, kind) VALUES ('alpha', 'k')"); // the next job to claim
        claimScanPages(); // the first walk marks the dead entries it meets; later ones still read their pages
        assertThat(claimScanPages()).as("the claim's walk before any vacuum").isGreaterThan(10);

        // PostgreSQL's default (14 and later, whose VACUUM VERBOSE says so): the dead versions are too
        // few a share of the table to clean the indexes
        boolean saysBypass = serverVersion() >= 140000;
        if (saysBypass) {
            assertThat(vacuumVerbose("(VERBOSE, INDEX_CLEANUP AUTO)")).contains("index scan bypassed");
            assertThat(claimScanPages()).as("the claim's walk after a vacuum that bypassed the indexes")
                    .isGreaterThan(10);
        }

        // the table's setting, which autovacuum uses too
        String vacuum = vacuumVerbose("(VERBOSE)");
        if (saysBypass) {
            assertThat(vacuum).contains("index scan needed").doesNotContain("bypassed");
        }
        assertThat(claimScanPages()).as("the claim's walk after a vacuum as autovacuum runs it").isLessThanOrEqualTo(3);
    }

    private static int serverVersion() {
        return DB.db().jdbi().withHandle(h -> h.createQuery("SELECT current_setting('server_version_num')::int")
                .mapTo(Integer.class).one());
    }

    private static long claimScanPages() {
        return DB.db().admin().diagnose().claimScanPages("alpha").orElseThrow();
    }

    /** The INFO messages of one VACUUM of jobs, run with {@code options}. */
    private static String vacuumVerbose(String options) throws SQLException {
        try (Connection c = DB.db().dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("VACUUM " + options + " " + DB.jobs());
            StringBuilder messages = new StringBuilder();
            for (SQLWarning w = s.getWarnings(); w != null; w = w.getNextWarning()) {
                messages.append(w.getMessage()).append('\n');
            }
            return messages.toString();
        }
    }
}
