package io.jobfleet.documents.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobfleet.bridge.Bridges;
import io.jobfleet.documents.DocumentsMapping;
import io.jobfleet.documents.config.DocumentsSettings;
import io.jobfleet.documents.testing.DocumentsTestBed;
import io.jobfleet.mapping.AppMapping;
import io.jobfleet.mapping.CatalogCheck;
import io.jobfleet.testing.AppQueues;
import io.jobfleet.testing.TestDatabase;
import io.jobfleet.text.samples.SampleDocuments;
import java.time.Duration;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole adoption path at once, as docs/adopting.md describes it: the app's Prisma schema
 * (quoted PascalCase tables, enum statuses, cuid ids), its own {@code jobs} queue table with the
 * shipped bridge, and the real documents family on the app's mapping. The app inserts into its
 * queue with its own statement and reads only its own rows: the job row ends {@code COMPLETED} or
 * {@code FAILED} with the readable error, and the document {@code DONE} with its requirements, or
 * {@code ERROR} with the same message.
 */
class BridgedPrismaAppTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    @Test
    void theAppsOwnInsertsEndInTheAppsWordsOnBothRows() {
        String schema = DB.config().schema() + "_prisma";
        PrismaSchema.create(DB, schema, "TEXT");
        AppMapping mapping = DocumentsMapping.SPEC.fromYaml(PrismaSchema.mapping(schema, "text"), DB.config().appSchema());
        assertThat(CatalogCheck.problems(DB.db().jdbi(), mapping)).isEmpty();
        AppQueues app = AppQueues.create(DB);
        new Bridges(DB.db()).install(app.bridge("prisma-jobs.yaml", "jobs"));

        Jdbi jdbi = DB.db().jdbi();
        String q = "\"" + schema + "\".";
        String doc = "clxdocwithafile0000000001";
        String empty = "clxdocwithoutafile0000001";
        jdbi.useHandle(h -> {
            h.createUpdate("INSERT INTO " + q + "\"Document\" (id, \"userId\", \"fileName\", data, \"mimeType\", "
                            + "\"updatedAt\") VALUES (:id, 'u-1', 'srs.pdf', :data, 'application/pdf', now())")
                    .bind("id", doc).bind("data", SampleDocuments.pdf(SampleDocuments.requirementsSpecification()))
                    .execute();
            h.createUpdate("INSERT INTO " + q + "\"Document\" (id, \"userId\", \"fileName\", \"updatedAt\") "
                    + "VALUES (:id, 'u-1', 'nothing.pdf', now())").bind("id", empty).execute();
        });

        try (DocumentsTestBed bed = DocumentsTestBed.start(DB, DocumentsSettings.defaults(), mapping)) {
            String ok = app.insertPrismaJob("{\"documentId\": \"" + doc + "\", \"userId\": \"u-1\", \"projectId\": \"p1\"}");
            String bad = app.insertPrismaJob("{\"documentId\": \"" + empty + "\", \"userId\": \"u-1\", \"projectId\": \"p1\"}");

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() ->
                    app.status("jobs", ok).equals("COMPLETED") && app.status("jobs", bad).equals("FAILED"));

            Map<String, Object> okRow = app.row("jobs", ok);
            assertThat(okRow.get("attempts")).hasToString("1");
            assertThat(okRow.get("result")).as("the result lives on the app's row").isNotNull();
            assertThat(okRow.get("startedAt")).isNotNull();
            assertThat(okRow.get("completedAt")).isNotNull();
            Map<String, Object> done = jdbi.withHandle(h -> h.createQuery("SELECT \"requirementStatus\"::text AS status, "
                            + "(SELECT count(*) FROM " + q + "\"Requirement\" r WHERE r.\"documentId\" = d.id) AS requirements "
                            + "FROM " + q + "\"Document\" d WHERE id = :id")
                    .bind("id", doc).mapToMap().one());
            assertThat(done.get("status")).isEqualTo("DONE");
            assertThat((Long) done.get("requirements")).isPositive();

            String message = "Document " + empty + " has no file: neither content nor a location is stored.";
            assertThat(app.row("jobs", bad).get("error")).isEqualTo(message);
            Map<String, Object> error = jdbi.withHandle(h -> h.createQuery("SELECT \"requirementStatus\"::text AS status, "
                    + "\"requirementError\" AS error FROM " + q + "\"Document\" WHERE id = :id")
                    .bind("id", empty).mapToMap().one());
            assertThat(error.get("status")).isEqualTo("ERROR");
            assertThat(error.get("error")).isEqualTo(message);
        }
    }
}
