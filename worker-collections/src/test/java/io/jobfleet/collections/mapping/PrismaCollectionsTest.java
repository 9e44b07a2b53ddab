package io.jobfleet.collections.mapping;

import static io.jobfleet.collections.CollectionJobs.generate;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.collections.CollectionSettings;
import io.jobfleet.collections.CollectionsMapping;
import io.jobfleet.collections.CollectionJobs;
import io.jobfleet.db.JobRow;
import io.jobfleet.engine.Payloads;
import io.jobfleet.mapping.AppMapping;
import io.jobfleet.llm.sim.testing.SimulatedLlm;
import io.jobfleet.mapping.CatalogCheck;
import io.jobfleet.testing.FamilyWorkers;
import io.jobfleet.testing.TestDatabase;
import io.jobfleet.text.samples.SampleDocuments;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The collections family on a Prisma-made schema, through a mapping file: camelCase payloads with
 * cuid string ids; a collection ends READY with its cards and questions written under ids the
 * worker made; failures end FAILED with the job's message where the app reads it.
 */
class PrismaCollectionsTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    @RegisterExtension
    static final SimulatedLlm LLM = SimulatedLlm.withDefaultClient();

    @Test
    void collectionsEndInTheAppsWords() {
        String schema = DB.config().schema() + "_prisma";
        PrismaStudySchema.create(DB, schema);
        AppMapping mapping = CollectionsMapping.SPEC.fromYaml(PrismaStudySchema.mapping(schema),
                DB.config().appSchema());
        assertThat(CatalogCheck.problems(DB.db().jdbi(), mapping)).isEmpty();
        Jdbi jdbi = DB.db().jdbi();
        String q = "\"" + schema + "\".";
        String good = cuid();
        String empty = cuid();
        String huge = cuid();
        jdbi.useHandle(h -> {
            for (String id : List.of(good, empty, huge)) {
                h.createUpdate("INSERT INTO " + q + "\"Collection\" (id, \"ownerId\", name, \"cardTarget\", "
                        + "\"quizTarget\", \"updatedAt\") VALUES (:id, 'u-1', 'Biology', 5, 3, now())").bind("id", id)
                        .execute();
            }
            h.createUpdate("INSERT INTO " + q + "\"Source\" (id, \"collectionId\", \"order\", type, body) "
                    + "VALUES (:id, :c, 1, 'TEXT', :body)").bind("id", cuid()).bind("c", good)
                    .bind("body", SampleDocuments.studyText()).execute();
            h.createUpdate("INSERT INTO " + q + "\"Source\" (id, \"collectionId\", type, body) "
                    + "VALUES (:id, :c, 'TEXT', '   ')").bind("id", cuid()).bind("c", empty).execute();
            h.createUpdate("INSERT INTO " + q + "\"Source\" (id, \"collectionId\", type, data, \"fileName\") "
                    + "VALUES (:id, :c, 'DOCUMENT', convert_to(repeat('x', 2 * 1024 * 1024), 'UTF8'), 'big.txt')")
                    .bind("id", cuid()).bind("c", huge).execute();
        });

        CollectionSettings settings = CollectionSettings.defaults().withMaxBytes(1024 * 1024);
        try (FamilyWorkers workers = CollectionJobs.workers(DB, LLM, settings).withMapping(mapping).withoutAppTables()
                .start()) {
            JobRow ready = workers.awaitFinished(workers.enqueue(
                    generate("{\"collectionId\": \"" + good + "\", \"userId\": \"u-1\"}")));
            JobRow noSources = workers.awaitFinished(workers.enqueue(generate("{\"collectionId\": \"" + empty + "\"}")));
            JobRow tooLarge = workers.awaitFinished(workers.enqueue(generate("{\"collectionId\": \"" + huge + "\"}")));

            assertThat(ready.status()).as(ready.lastError()).isEqualTo("completed");
            assertThat(Payloads.tree(ready.result()).get("collection_id").asText()).isEqualTo(good);
            Map<String, Object> g = row(jdbi, "SELECT status::text AS status, \"cardCount\" AS cards, "
                    + "\"quizCount\" AS questions, \"failureReason\" AS error, "
                    + "\"generationProgress\"::text AS progress, "
                    + "(SELECT count(*) FROM " + q + "\"Flashcard\" f WHERE f.\"collectionId\" = c.id) AS stored_cards, "
                    + "(SELECT count(*) FROM " + q + "\"QuizQuestion\" x WHERE x.\"collectionId\" = c.id "
                    + "AND jsonb_array_length(x.choices) = 4 AND x.\"sourceRef\" IS NOT NULL) AS stored_questions "
                    + "FROM " + q + "\"Collection\" c WHERE id = :id", good);
            assertThat(g.get("status")).isEqualTo("READY");
            assertThat(g.get("error")).isNull();
            JsonNode progress = Payloads.tree((String) g.get("progress"));
            assertThat(progress.path("stage").asText()).as("progress mirrored onto the mapped column").isEqualTo("chunks");
            assertThat(progress.path("done").asLong()).isPositive()
                    .isEqualTo(progress.path("total").asLong())
                    .isEqualTo(Payloads.tree(ready.result()).get("chunks").asLong());
            assertThat(((Number) g.get("cards")).longValue()).isGreaterThanOrEqualTo(3)
                    .isEqualTo(((Number) g.get("stored_cards")).longValue());
            assertThat(((Number) g.get("questions")).longValue()).isGreaterThanOrEqualTo(2)
                    .isEqualTo(((Number) g.get("stored_questions")).longValue());
            long madeIds = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM " + q + "\"Flashcard\" "
                    + "WHERE id ~ '^[0-9a-f-]{36}$' AND position >= 1").mapTo(Long.class).one());
            assertThat(madeIds).as("ids made by the worker").isEqualTo(((Number) g.get("cards")).longValue());

            assertFailed(jdbi, q, noSources, empty, "The collection has no sources to learn from.");
            assertFailed(jdbi, q, tooLarge, huge, "Source 1 (big.txt) could not be read: The file is 2 MB; the limit "
                    + "is 1 MB.");
        }
    }

    private static void assertFailed(Jdbi jdbi, String q, JobRow job, String id, String message) {
        assertThat(job.status()).isEqualTo("failed");
        assertThat(job.lastError()).isEqualTo(message);
        Map<String, Object> r = row(jdbi, "SELECT status::text AS status, \"failureReason\" AS error FROM " + q
                + "\"Collection\" WHERE id = :id", id);
        assertThat(r.get("status")).isEqualTo("FAILED");
        assertThat(r.get("error")).isEqualTo(message);
    }

    private static String cuid() {
        return "clx" + UUID.randomUUID().toString().replace("-", "").substring(0, 22);
    }

    private static Map<String, Object> row(Jdbi jdbi, String sql, String id) {
        return jdbi.withHandle(h -> h.createQuery(sql).bind("id", id).mapToMap().one());
    }
}
