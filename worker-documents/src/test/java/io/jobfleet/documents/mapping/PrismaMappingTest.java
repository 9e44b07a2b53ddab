package io.jobfleet.documents.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.db.JobRow;
import io.jobfleet.documents.DocumentsMapping;
import io.jobfleet.documents.config.DocumentsSettings;
import io.jobfleet.documents.testing.DocumentsTestBed;
import io.jobfleet.engine.Payloads;
import io.jobfleet.mapping.AppMapping;
import io.jobfleet.mapping.CatalogCheck;
import io.jobfleet.testing.TestDatabase;
import io.jobfleet.text.samples.SampleDocuments;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The documents family on a Prisma-made schema, through a mapping file: camelCase payloads with
 * string ids, the app's rows end in the app's words, a failure lands where the app reads it.
 */
class PrismaMappingTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    @ParameterizedTest
    @ValueSource(strings = {"text", "uuid"})
    void documentsAndInvoicesCompleteInTheAppsWords(String idType) {
        String schema = DB.config().schema() + "_prisma_" + idType;
        PrismaSchema.create(DB, schema, idType.toUpperCase());
        AppMapping mapping = DocumentsMapping.SPEC.fromYaml(PrismaSchema.mapping(schema, idType), DB.config().appSchema());
        assertThat(CatalogCheck.problems(DB.db().jdbi(), mapping)).isEmpty();
        Jdbi jdbi = DB.db().jdbi();
        String doc = newId(idType);
        String empty = newId(idType);
        String invoice = newId(idType);
        String q = "\"" + schema + "\".";
        jdbi.useHandle(h -> {
            h.createUpdate("INSERT INTO " + q + "\"Document\" (id, \"userId\", \"fileName\", data, \"mimeType\", "
                            + "\"updatedAt\") VALUES (CAST(:id AS " + idType + "), 'u-1', 'srs.pdf', :data, "
                            + "'application/pdf', now())")
                    .bind("id", doc).bind("data", SampleDocuments.pdf(SampleDocuments.requirementsSpecification()))
                    .execute();
            h.createUpdate("INSERT INTO " + q + "\"Document\" (id, \"userId\", \"fileName\", \"updatedAt\") "
                    + "VALUES (CAST(:id AS " + idType + "), 'u-1', 'nothing.pdf', now())").bind("id", empty).execute();
            h.createUpdate("INSERT INTO " + q + "\"Invoice\" (id, \"userId\", \"fileName\", data, \"mimeType\", "
                            + "\"updatedAt\") VALUES (CAST(:id AS " + idType + "), 'u-1', 'invoice.txt', :data, "
                            + "'text/plain', now())")
                    .bind("id", invoice).bind("data", SampleDocuments.invoiceText().getBytes(StandardCharsets.UTF_8))
                    .execute();
        });

        try (DocumentsTestBed bed = DocumentsTestBed.start(DB, DocumentsSettings.defaults(), mapping)) {
            JobRow extracted = bed.awaitFinished(bed.enqueue("document.extract_requirements",
                    "{\"documentId\": \"" + doc + "\", \"userId\": \"u-1\"}"));
            JobRow processed = bed.awaitFinished(bed.enqueue("invoice.process",
                    "{\"invoiceId\": \"" + invoice + "\", \"userId\": \"u-1\"}"));
            JobRow failed = bed.awaitFinished(bed.enqueue("document.extract_requirements",
                    "{\"documentId\": \"" + empty + "\"}"));

            assertThat(extracted.status()).as(extracted.lastError()).isEqualTo("completed");
            assertThat(processed.status()).as(processed.lastError()).isEqualTo("completed");
            assertThat(failed.status()).isEqualTo("failed");
            Map<String, Object> d = row(jdbi, "SELECT \"requirementStatus\"::text AS status, \"requirementError\" AS error, "
                    + "progress::text AS progress, "
                    + "(SELECT count(*) FROM " + q + "\"Requirement\" r WHERE r.\"documentId\" = d.id) AS requirements "
                    + "FROM " + q + "\"Document\" d WHERE id = CAST(:id AS " + idType + ")", doc);
            assertThat(d.get("status")).isEqualTo("DONE");
            assertThat(d.get("error")).isNull();
            assertThat((Long) d.get("requirements")).isPositive();
            JsonNode progress = Payloads.tree((String) d.get("progress"));
            assertThat(progress.path("stage").asText()).as("progress mirrored onto the mapped column").isEqualTo("pages");
            assertThat(progress.path("done").asLong()).as("the final progress").isEqualTo(6);
            assertThat(progress.path("total").asLong()).isEqualTo(6);
            JsonNode onJob = Payloads.tree(extracted.progress());
            assertThat(Instant.parse(progress.path("at").asText()))
                    .isEqualTo(OffsetDateTime.parse(onJob.path("at").asText()).toInstant());
            Map<String, Object> e = row(jdbi, "SELECT \"requirementStatus\"::text AS status, \"requirementError\" AS error "
                    + "FROM " + q + "\"Document\" WHERE id = CAST(:id AS " + idType + ")", empty);
            assertThat(e.get("status")).isEqualTo("ERROR");
            assertThat(e.get("error")).isEqualTo(failed.lastError())
                    .isEqualTo("Document " + empty + " has no file: neither content nor a location is stored.");
            Map<String, Object> i = row(jdbi, "SELECT status, \"vendorName\" AS vendor, total, error FROM " + q
                    + "\"Invoice\" WHERE id = CAST(:id AS " + idType + ")", invoice);
            assertThat(i.get("status")).isEqualTo("completed");
            assertThat(i.get("vendor")).isNotNull();
            assertThat(i.get("total")).isNotNull();
            assertThat(i.get("error")).isNull();
        }
    }

    private static String newId(String idType) {
        return idType.equals("uuid") ? UUID.randomUUID().toString()
                : "clx" + UUID.randomUUID().toString().replace("-", "").substring(0, 22);
    }

    private static Map<String, Object> row(Jdbi jdbi, String sql, String id) {
        return jdbi.withHandle(h -> h.createQuery(sql).bind("id", id).mapToMap().one());
    }
}
