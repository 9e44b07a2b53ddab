package io.jobfleet.documents;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.db.JobRow;
import io.jobfleet.documents.config.DocumentsSettings;
import io.jobfleet.documents.testing.AppTables.InvoiceRow;
import io.jobfleet.documents.testing.DocumentsTestBed;
import io.jobfleet.engine.Payloads;
import io.jobfleet.testing.TestDatabase;
import io.jobfleet.text.samples.SampleDocuments;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Invoice fields land on the invoice row, checked; invoices that do not add up are stored with a warning. */
class InvoiceProcessingTest {
    private static final String KIND = "invoice.process";

    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    @TempDir
    static Path dir;

    private static DocumentsTestBed bed;

    @BeforeAll
    static void start() {
        bed = DocumentsTestBed.start(DB, DocumentsSettings.defaults().withAllowedBaseDir(dir));
    }

    @AfterAll
    static void stop() {
        bed.close();
    }

    @Test
    void storesTheFieldsOfAPdfInvoice() {
        byte[] pdf = SampleDocuments.pdf(List.of(SampleDocuments.invoiceText()));
        long invoice = bed.app().insertInvoice("u-1", "inv-42.pdf", null, pdf, "application/pdf");

        JsonNode result = completed(bed.enqueue(KIND, "{\"invoice_id\": " + invoice + ", \"user_id\": \"u-1\"}"));

        InvoiceRow row = bed.app().invoice(invoice);
        assertThat(row.status()).isEqualTo("completed");
        assertThat(row.vendor()).isEqualTo("ACME GmbH");
        assertThat(row.invoiceNumber()).isEqualTo("INV-2026-0042");
        assertThat(row.issueDate()).isEqualTo(LocalDate.of(2026, 10, 1));
        assertThat(row.dueDate()).isEqualTo(LocalDate.of(2026, 10, 31));
        assertThat(row.currency()).isEqualTo("EUR");
        assertThat(row.subtotal()).isEqualByComparingTo("2280.50");
        assertThat(row.tax()).isEqualByComparingTo("433.30");
        assertThat(row.total()).isEqualByComparingTo("2713.80");
        JsonNode lines = Payloads.tree(row.lineItems());
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0).get("description").asText()).isEqualTo("Consulting");
        assertThat(lines.get(1).get("quantity").decimalValue()).isEqualByComparingTo("2");
        assertThat(lines.get(1).get("unit_price").decimalValue()).isEqualByComparingTo("450.00");
        assertThat(lines.get(2).get("amount").decimalValue()).isEqualByComparingTo("180.50");
        assertThat(Payloads.tree(row.warnings())).isEmpty();
        assertThat(row.errorMessage()).isNull();
        assertThat(row.processedAt()).isNotNull();
        assertThat(result.get("invoice_id").asLong()).isEqualTo(invoice);
        assertThat(result.get("line_items").asInt()).isEqualTo(3);
        assertThat(result.get("warnings").asInt()).isZero();
        assertThat(result.at("/usage/calls").asInt()).isEqualTo(1);
    }

    @Test
    void anInvoiceWhoseLinesDoNotAddUpIsStoredWithAWarning() throws Exception {
        Path file = Files.write(dir.resolve("inv-43.txt"), SampleDocuments.text(SampleDocuments.invoiceTextNotAddingUp()));
        long invoice = bed.app().insertInvoice("u-1", "inv-43.txt", file.toUri().toString(), null, null);

        JsonNode result = completed(bed.enqueue(KIND, "{\"invoice_id\": " + invoice + "}"));

        InvoiceRow row = bed.app().invoice(invoice);
        assertThat(row.status()).isEqualTo("completed");
        assertThat(row.invoiceNumber()).isEqualTo("INV-2026-0043");
        assertThat(row.subtotal()).isEqualByComparingTo("2380.50");
        assertThat(row.total()).isEqualByComparingTo("2832.80");
        JsonNode warnings = Payloads.tree(row.warnings());
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0).get("code").asText()).isEqualTo("subtotal_mismatch");
        assertThat(warnings.get(0).get("message").asText())
                .isEqualTo("Line items add up to 2,280.50 but the subtotal says 2,380.50.");
        assertThat(result.get("warnings").asInt()).isEqualTo(1);
    }

    @Test
    void keepsOnlyValidValuesAndWarnsAboutTheRest() {
        String text = """
                Vendor: Widget Works Ltd
                Invoice number: WW-17
                Issue date: 2026-10-31
                Due date: 2026-10-01
                Currency: XYZ

                - Widgets | 3 | 10.00 | 35.00

                Subtotal: 35.00
                Tax: 0.00
                Total: 35.00""";
        long invoice = bed.app().insertInvoice(null, "ww-17.txt", null, SampleDocuments.text(text), "text/plain");

        completed(bed.enqueue(KIND, "{\"invoice_id\": " + invoice + "}"));

        InvoiceRow row = bed.app().invoice(invoice);
        assertThat(row.status()).isEqualTo("completed");
        assertThat(row.currency()).as("not an ISO 4217 code: not stored").isNull();
        assertThat(row.issueDate()).isEqualTo(LocalDate.of(2026, 10, 31));
        assertThat(row.dueDate()).isEqualTo(LocalDate.of(2026, 10, 1));
        assertThat(row.total()).isEqualByComparingTo(new BigDecimal("35.00"));
        assertThat(Payloads.tree(row.warnings())).extracting(w -> w.get("code").asText())
                .containsExactlyInAnyOrder("due_before_issue", "unknown_currency", "line_amount_mismatch");
        assertThat(row.warnings()).contains("Line 1 (Widgets): 3 × 10.00 is 30.00 but the line says 35.00.");
    }

    @Test
    void aMissingFileFailsTheInvoiceWithTheReason() {
        String missing = dir.resolve("gone.pdf").toUri().toString();
        long invoice = bed.app().insertInvoice("u-1", "gone.pdf", missing, null, null);

        JobRow job = bed.awaitFinished(bed.enqueue(KIND, "{\"invoice_id\": " + invoice + "}"));

        assertThat(job.status()).isEqualTo("failed");
        assertThat(job.errors()).contains("\"class\": \"not_found\"");
        InvoiceRow row = bed.app().invoice(invoice);
        assertThat(row.status()).isEqualTo("failed");
        assertThat(row.errorMessage()).isEqualTo(job.lastError()).contains("gone.pdf");
        assertThat(row.processedAt()).isNull();
    }

    private static JsonNode completed(long jobId) {
        JobRow job = bed.awaitFinished(jobId);
        assertThat(job.status()).as("job %d: %s", jobId, job.lastError()).isEqualTo("completed");
        return Payloads.tree(job.result());
    }
}
