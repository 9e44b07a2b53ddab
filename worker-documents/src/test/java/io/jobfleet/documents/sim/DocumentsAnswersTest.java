package io.jobfleet.documents.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobfleet.engine.Payloads;
import io.jobfleet.llm.Cancellation;
import io.jobfleet.llm.ChatRequest;
import io.jobfleet.llm.ResponseSchema;
import io.jobfleet.llm.SchemaValidator;
import io.jobfleet.llm.Structured;
import io.jobfleet.llm.sim.LlmSimulator;
import io.jobfleet.llm.sim.testing.SimulatedLlm;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The simulator, with the family's answers found on the class path, answers requirements and invoices. */
class DocumentsAnswersTest {
    static final ResponseSchema REQUIREMENTS = ResponseSchema.parse("requirements", """
            {"type":"object","additionalProperties":false,"required":["requirements"],
             "properties":{"requirements":{"type":"array","items":{
               "type":"object","additionalProperties":false,
               "required":["text","category","priority","source_page","reference"],
               "properties":{
                 "text":{"type":"string"},
                 "category":{"type":"string","enum":["functional","non_functional","security","performance","compliance","other"]},
                 "priority":{"type":"string","enum":["high","medium","low"]},
                 "source_page":{"type":"integer","minimum":1},
                 "reference":{"type":"string"}}}}}}
            """);

    static final ResponseSchema INVOICE = ResponseSchema.parse("invoice", """
            {"type":"object","additionalProperties":false,
             "required":["vendor","invoice_number","issue_date","due_date","currency","subtotal","tax","total","line_items"],
             "properties":{
               "vendor":{"type":"string"},"invoice_number":{"type":"string"},
               "issue_date":{"type":"string","format":"date"},"due_date":{"type":["string","null"],"format":"date"},
               "currency":{"type":"string"},"subtotal":{"type":"number"},"tax":{"type":"number"},"total":{"type":"number"},
               "line_items":{"type":"array","items":{"type":"object","additionalProperties":false,
                 "required":["description","quantity","unit_price","amount"],
                 "properties":{"description":{"type":"string"},"quantity":{"type":"number"},
                               "unit_price":{"type":"number"},"amount":{"type":"number"}}}}}}
            """);

    record Requirements(List<Requirement> requirements) {
    }

    record Requirement(String text, String category, String priority, int sourcePage, String reference) {
    }

    record Invoice(String vendor, String invoiceNumber, LocalDate issueDate, LocalDate dueDate, String currency,
                   BigDecimal subtotal, BigDecimal tax, BigDecimal total, List<LineItem> lineItems) {
    }

    record LineItem(String description, BigDecimal quantity, BigDecimal unitPrice, BigDecimal amount) {
    }

    @RegisterExtension
    static final SimulatedLlm LLM = new SimulatedLlm();

    private <T> Structured<T> ask(String system, String user, ResponseSchema schema, Class<T> type) throws Exception {
        Structured<T> answer = LLM.client().chatStructured(ChatRequest.of(system, user), schema, type, Cancellation.NONE);
        assertThat(SchemaValidator.validate(schema.schema(), Payloads.tree(answer.rawContent()))).isEmpty();
        assertThat(answer.model()).isEqualTo(LlmSimulator.MODEL);
        return answer;
    }

    private static String reference(String text) throws Exception {
        byte[] d = MessageDigest.getInstance("SHA-256")
                .digest(text.toLowerCase().replaceAll("\\s+", " ").strip().getBytes(StandardCharsets.UTF_8));
        return "REQ-" + HexFormat.of().formatHex(d).substring(0, 8);
    }

    @Test
    void requirementsComeFromModalSentencesWithPagesCategoriesAndPriorities() throws Exception {
        String document = """
                Project brief
                [page 1]
                The system shall encrypt all stored documents. Users can browse freely.
                The dashboard should load within 2 seconds.
                [page 3]
                - Audit logs must be kept for 7 years to satisfy GDPR.
                - The app needs to export reports as PDF.
                Nice to have: dark mode.
                """;
        Requirements r = ask("Extract the requirements.", "---\n" + document, REQUIREMENTS,
                Requirements.class).value();

        assertThat(r.requirements()).containsExactly(
                new Requirement("The system shall encrypt all stored documents.", "security", "high", 1,
                        reference("The system shall encrypt all stored documents.")),
                new Requirement("The dashboard should load within 2 seconds.", "performance", "medium", 1,
                        reference("The dashboard should load within 2 seconds.")),
                new Requirement("Audit logs must be kept for 7 years to satisfy GDPR.", "compliance", "high", 3,
                        reference("Audit logs must be kept for 7 years to satisfy GDPR.")),
                new Requirement("The app needs to export reports as PDF.", "functional", "low", 3,
                        reference("The app needs to export reports as PDF.")));
    }

    @Test
    void invoiceKeepsWhatTheTextSaysEvenWhenTheSumsDisagree() throws Exception {
        String text = """
                Vendor: ACME GmbH
                Invoice number: INV-2026-001
                Issue date: 31.01.2026
                Currency: EUR
                - Consulting | 2 | 50.00 | 100.00
                - Hosting | 1 | 1.234,50 | 1.234,50
                Subtotal: 130.00
                Tax: 24.70
                Total: 999.00
                """;
        Invoice invoice = ask("Extract the invoice.", text, INVOICE, Invoice.class).value();

        assertThat(invoice.vendor()).isEqualTo("ACME GmbH");
        assertThat(invoice.invoiceNumber()).isEqualTo("INV-2026-001");
        assertThat(invoice.issueDate()).isEqualTo(LocalDate.of(2026, 1, 31));
        assertThat(invoice.dueDate()).as("no due date in the text, and the schema allows null").isNull();
        assertThat(invoice.currency()).isEqualTo("EUR");
        assertThat(invoice.subtotal()).isEqualByComparingTo("130.00");
        assertThat(invoice.tax()).isEqualByComparingTo("24.70");
        assertThat(invoice.total()).as("not fixed").isEqualByComparingTo("999.00");
        assertThat(invoice.lineItems()).hasSize(2);
        assertThat(invoice.lineItems().get(0)).isEqualTo(new LineItem("Consulting", new BigDecimal("2"),
                new BigDecimal("50.00"), new BigDecimal("100.00")));
        assertThat(invoice.lineItems().get(1).unitPrice()).isEqualByComparingTo("1234.50");
    }

    @Test
    void invoiceFieldsMissingFromTheTextGetDefaultsWhereTheSchemaForbidsNull() throws Exception {
        ResponseSchema strict = ResponseSchema.parse("invoice", INVOICE.schema().toString()
                .replace("\"type\":[\"string\",\"null\"]", "\"type\":\"string\""));
        Invoice invoice = ask("Extract.", "Total: $ 42.00\nIssue date: 2026-02-01", strict, Invoice.class).value();
        assertThat(invoice.vendor()).isEqualTo("Unknown vendor");
        assertThat(invoice.dueDate()).isEqualTo(LocalDate.of(2026, 2, 1));
        assertThat(invoice.currency()).isEqualTo("USD");
        assertThat(invoice.total()).isEqualByComparingTo("42.00");
        assertThat(invoice.tax()).isEqualByComparingTo("42.00");
        assertThat(invoice.lineItems()).isEmpty();
    }
}
