package io.jobfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobfleet.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code enqueue --traceparent}: stored on the job; a malformed one is refused before anything is written. */
class EnqueueTraceparentTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    private static final String TP = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void theTraceparentIsStoredOnTheJob() {
        Cli.Result r = Cli.run(DB, "enqueue", "--kind", "document.extract", "--traceparent", TP);
        assertThat(r.exit()).as(r.toString()).isZero();
        long id = Long.parseLong(r.out().strip());
        String stored = DB.db().jdbi().withHandle(h -> h.createQuery("SELECT traceparent FROM " + DB.jobs()
                + " WHERE id = :id").bind("id", id).mapTo(String.class).one());
        assertThat(stored).isEqualTo(TP);
    }

    @Test
    void aMalformedTraceparentIsAUsageErrorThatSaysTheForm() {
        long before = count();
        Cli.Result r = Cli.run(DB, "enqueue", "--kind", "document.extract", "--traceparent", TP.toUpperCase());
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--traceparent is not a W3C traceparent (00-<32 hex>-<16 hex>-<2 hex>");
        assertThat(count()).as("nothing enqueued").isEqualTo(before);
    }

    @Test
    void aPayloadTheDatabaseRefusesSaysWhyWithoutEchoingTheStatement() {
        long before = count();
        Cli.Result r = Cli.run(DB, "enqueue", "--kind", "document.extract", "--payload", "{\"a\": \"\\u0000x\"}");
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.err()).contains("the database refused it", "unsupported Unicode escape sequence")
                .doesNotContain("[statement:", "arguments:");
        assertThat(count()).as("nothing enqueued").isEqualTo(before);
    }

    private static long count() {
        return DB.db().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM " + DB.jobs())
                .mapTo(Long.class).one());
    }
}
