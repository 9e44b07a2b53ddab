package io.jobfleet.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.db.JobRow;
import io.jobfleet.db.NewJob;
import io.jobfleet.testing.JobsTable;
import io.jobfleet.testing.TestDatabase;
import io.jobfleet.testing.TestHandler;
import io.jobfleet.testing.TestWorkers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A statement of an attempt that names a table or column the database lacks (the app renamed its
 * table, or the mapping names a column it never had) fails the attempt with a readable error that
 * says what is missing and what to run (its family's check; the test workers' family is {@code
 * test}), never the driver's text with the statement and its bound values; the job is retried, so
 * it runs once an operator mends it.
 */
class MissingSchemaTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    private static final String SECRET = "user-secret-4711";

    private final JobsTable jobs = new JobsTable(DB);

    @Test
    void aHandlerReadingAMissingTable() {
        TestHandler<JsonNode> reads = TestHandler.json("reads", (p, ctx) -> ctx.jdbi().withHandle(h ->
                h.createQuery("SELECT body FROM " + DB.app("gone_notes") + " WHERE owner = :owner")
                        .bind("owner", SECRET).mapTo(String.class).findOne())
                .map(JobOutcome::done).orElseThrow());
        long id = jobs.enqueue(NewJob.of("missing", "reads", "{}").withMaxAttempts(2));

        JobRow job = run(id, reads);

        assertReadable(job, "relation \"" + DB.config().appSchema() + ".gone_notes\" does not exist");
    }

    @Test
    void aCompletionWritingAMissingColumn() {
        DB.db().jdbi().useHandle(h -> h.execute("CREATE TABLE IF NOT EXISTS " + DB.app("kept_notes") + " (body text)"));
        TestHandler<JsonNode> writes = TestHandler.json("writes", (p, ctx) -> JobOutcome.done(null, h ->
                h.createUpdate("INSERT INTO " + DB.app("kept_notes") + " (body, owner) VALUES (:body, :owner)")
                        .bind("body", "hello").bind("owner", SECRET).execute()));
        long id = jobs.enqueue(NewJob.of("missing", "writes", "{}").withMaxAttempts(2));

        JobRow job = run(id, writes);

        assertReadable(job, "column \"owner\" of relation \"kept_notes\" does not exist");
    }

    @Test
    void aStatementTheRoleMayNotRunSaysHowToGrantIt() {
        String reader = DB.config().appSchema() + "_reader"; // roles are the cluster's: one per test database
        DB.db().jdbi().useHandle(h -> h.execute("CREATE TABLE IF NOT EXISTS " + DB.app("locked_notes") + " (body text);"
                + "REVOKE ALL ON " + DB.app("locked_notes") + " FROM PUBLIC;"
                + "CREATE ROLE " + reader + "; GRANT USAGE ON SCHEMA \"" + DB.config().appSchema() + "\" TO " + reader));
        TestHandler<JsonNode> denied = TestHandler.json("denied", (p, ctx) -> ctx.jdbi().inTransaction(h -> {
            h.execute("SET LOCAL ROLE " + reader);
            return JobOutcome.done(h.createQuery("SELECT body FROM " + DB.app("locked_notes") + " WHERE body = :b")
                    .bind("b", SECRET).mapTo(String.class).list());
        }));
        long id = jobs.enqueue(NewJob.of("missing", "denied", "{}").withMaxAttempts(1));

        JobRow job = run(id, denied);

        assertThat(job.status()).isEqualTo("failed");
        assertThat(job.errors()).contains("\"class\": \"error\"");
        assertThat(job.lastError()).startsWith("the database refused a statement: permission denied for table locked_notes "
                + "(SQLSTATE 42501); the worker's role lacks a privilege: `./jobfleet test check` names it and "
                + "`./jobfleet test check --print-grants ROLE` writes the GRANT")
                .doesNotContain(SECRET).doesNotContain("SELECT");
    }

    private JobRow run(long id, TestHandler<JsonNode> handler) {
        try (TestWorkers w = new TestWorkers()) {
            w.start(DB.db(), TestWorkers.config("missing"), handler);
            return jobs.awaitFinished(id);
        }
    }

    private static void assertReadable(JobRow job, String what) {
        assertThat(job.status()).isEqualTo("failed");
        assertThat(job.attempts()).as("retried: an operator may mend it meanwhile").isEqualTo(2);
        assertThat(job.errors()).contains("\"class\": \"schema_missing\"");
        assertThat(job.lastError()).startsWith("The database refused the job's statements: " + what + ". ")
                .contains("`./jobfleet test check` names what is missing").doesNotContain(SECRET).doesNotContain("[statement:")
                .doesNotContain("SELECT").doesNotContain("INSERT").endsWith(" Gave up after 2 attempts.");
        assertThat(job.errors()).doesNotContain(SECRET);
    }
}
