package io.jobfleet.fleet.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobfleet.ai.AiFamily;
import io.jobfleet.collections.CollectionsFamily;
import io.jobfleet.documents.DocumentsFamily;
import io.jobfleet.family.WorkerFamily;
import io.jobfleet.fleet.mix.DemoTables;
import io.jobfleet.messages.MessagesFamily;
import io.jobfleet.testing.FamilyWorkers;
import io.jobfleet.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The chaos suite's closing checks, on job rows and app rows written as a run would leave them. */
class ChaosInvariantsTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    private static final Instant KILLED_AT = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
    private static final List<Disruption> KILL = List.of(new Disruption("SIGKILL", 4242, KILLED_AT));

    private final StringWriter printed = new StringWriter();
    private ChaosInvariants invariants;

    @BeforeEach
    void emptyTables() {
        for (WorkerFamily f : List.of(new AiFamily(), new DocumentsFamily(), new CollectionsFamily(),
                new MessagesFamily())) {
            FamilyWorkers.migrateAppTables(DB, f);
        }
        DB.truncateJobs();
        DB.db().jdbi().useHandle(h -> h.execute("TRUNCATE " + DemoTables.of(DB.db()).ledger()));
        invariants = new ChaosInvariants(DB.db(), new PrintWriter(printed, true));
    }

    @Test
    void aCleanRunPassesEveryCheck() {
        long ai = job("ai.generate", "completed", "{\"answer\": \"hi\"}", null, null);
        ledger(ai);
        job("document.extract_requirements", "completed", "{\"requirements\": 0}", null, null);
        job("collection.generate", "completed", "{\"flashcards\": 0, \"questions\": 0}", null, null);
        job("collection.generate", "failed", null, errors("no_sources", "host:17:a", KILLED_AT.minusSeconds(30)),
                "The collection has no sources.");
        job("document.extract_requirements", "completed", "{\"requirements\": 0}",
                errors("worker_lost", "host:4242:b", KILLED_AT.plusMillis(2500)), null);

        boolean ok = invariants.check(5, KILL, Duration.ofSeconds(5), Duration.ofSeconds(1));

        assertThat(ok).as(printed.toString()).isTrue();
        assertThat(invariants.broken()).isEmpty();
        assertThat(printed.toString()).containsPattern("slowest kill-to-rescue \\(ms\\)\\s+2500 ok")
                .contains("1 after SIGKILL, 0 while paused by SIGSTOP");
    }

    @Test
    void eachBrokenInvariantIsNamed() {
        job("ai.generate", "pending", null, null, null);
        job("ai.generate", "completed", "{\"answer\": \"no ledger row\"}", null, null);
        job("ai.generate", "failed", null, errors("internal", "host:17:a", KILLED_AT),
                "java.lang.IllegalStateException: boom\n\tat io.jobfleet.Foo.bar(Foo.java:12)");
        job("document.extract_requirements", "completed", "{\"requirements\": 3}",
                errors("worker_lost", "host:4242:b", KILLED_AT.plusSeconds(10)), null);

        boolean ok = invariants.check(10, KILL, Duration.ofSeconds(3), Duration.ofSeconds(1));

        assertThat(ok).isFalse();
        assertThat(invariants.broken()).extracting(b -> b.substring(0, b.lastIndexOf(':'))).containsExactly(
                "jobs enqueued",
                "enqueued = completed + failed + cancelled",
                "stuck (pending or running)",
                "usage rows: duplicates / missing / for unfinished jobs",
                "requirements: per-job count off / written by unfinished jobs",
                "failures without a readable error",
                "slowest kill-to-rescue (ms)");
        assertThat(invariants.broken()).contains("slowest kill-to-rescue (ms): 10000");
    }

    @Test
    void aRescueBeforeTheKillOrOfAnotherProcessIsNotCounted() {
        job("document.extract_requirements", "completed", "{\"requirements\": 0}",
                errors("worker_lost", "host:4242:b", KILLED_AT.minusSeconds(20)), null);
        job("document.extract_requirements", "completed", "{\"requirements\": 0}",
                errors("worker_lost", "host:42420:c", KILLED_AT.plusSeconds(20)), null);

        assertThat(invariants.check(2, KILL, Duration.ofSeconds(3), Duration.ofSeconds(1))).as(printed.toString())
                .isTrue();
        assertThat(printed.toString()).contains("0 job(s) rescued");
    }

    private static long job(String kind, String status, String result, String errors, String lastError) {
        String queue = kind.startsWith("ai.") ? "ai" : kind.startsWith("collection") ? "collections" : "documents";
        return DB.db().jdbi().withHandle(h -> h.createQuery("INSERT INTO " + DB.jobs() + " (queue, kind, status, "
                        + "payload, result, errors, last_error, attempts, started_at, completed_at) "
                        + "VALUES (:q, :k, :s, '{}'::jsonb, CAST(:r AS jsonb), "
                        + "COALESCE(CAST(:e AS jsonb), '[]'::jsonb), :le, 1, "
                        + "CASE WHEN :s IN ('completed', 'failed') THEN now() - interval '1 second' END, "
                        + "CASE WHEN :s IN ('completed', 'failed') THEN now() END) RETURNING id")
                .bind("q", queue).bind("k", kind).bind("s", status).bind("r", result).bind("e", errors)
                .bind("le", lastError).mapTo(Long.class).one());
    }

    private static String errors(String errorClass, String worker, Instant at) {
        return "[{\"attempt\": 1, \"class\": \"" + errorClass + "\", \"worker\": \"" + worker + "\", \"at\": \"" + at
                + "\", \"message\": \"attempt failed\"}]";
    }

    private static void ledger(long jobId) {
        DB.db().jdbi().useHandle(h -> h.createUpdate("INSERT INTO " + DemoTables.of(DB.db()).ledger()
                        + " (job_id, user_id, model, "
                        + "prompt_tokens, completion_tokens, total_tokens) VALUES (:j, 'u1', 'm', 1, 1, 2)")
                .bind("j", jobId).execute());
    }
}
