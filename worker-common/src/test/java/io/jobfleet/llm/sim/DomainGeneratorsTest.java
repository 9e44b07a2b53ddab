package io.jobfleet.llm.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.engine.Payloads;
import io.jobfleet.llm.Cancellation;
import io.jobfleet.llm.ChatRequest;
import io.jobfleet.llm.LlmClient;
import io.jobfleet.llm.ResponseSchema;
import io.jobfleet.llm.SchemaValidator;
import io.jobfleet.llm.Structured;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each domain generator answers with schema-valid JSON that reads into the families' records. */
class DomainGeneratorsTest {
    record Requirements(List<Requirement> requirements) {
    }

    record Requirement(String text, String category, String priority, int sourcePage, String reference) {
    }

    record Invoice(String vendor, String invoiceNumber, LocalDate issueDate, LocalDate dueDate, String currency,
                   BigDecimal subtotal, BigDecimal tax, BigDecimal total, List<LineItem> lineItems) {
    }

    record LineItem(String description, BigDecimal quantity, BigDecimal unitPrice, BigDecimal amount) {
    }

    record Flashcards(List<Flashcard> flashcards) {
    }

    record Flashcard(String front, String back, String source) {
    }

    record Quiz(List<Question> questions) {
    }

    record Question(String question, List<String> choices, int correctIndex, String explanation) {
    }

    private final LlmSimulator sim = new LlmSimulator(SimulatorConfig.ephemeral()).start();
    private final LlmClient client = SimTesting.client(sim);

    @AfterEach
    void tearDown() {
        client.close();
        sim.close();
    }

    private <T> Structured<T> ask(String system, String user, ResponseSchema schema, Class<T> type) throws Exception {
        Structured<T> answer = client.chatStructured(ChatRequest.of(system, user), schema, type, Cancellation.NONE);
        assertThat(SchemaValidator.validate(schema.schema(), Payloads.tree(answer.rawContent()))).isEmpty();
        assertThat(answer.model()).isEqualTo("jobfleet-simulator");
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
        Requirements r = ask("Extract the requirements.", "---\n" + document, SimTesting.REQUIREMENTS,
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
        Invoice invoice = ask("Extract the invoice.", text, SimTesting.INVOICE, Invoice.class).value();

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
        ResponseSchema strict = ResponseSchema.parse("invoice", SimTesting.INVOICE.schema().toString()
                .replace("\"type\":[\"string\",\"null\"]", "\"type\":\"string\""));
        Invoice invoice = ask("Extract.", "Total: $ 42.00\nIssue date: 2026-02-01", strict, Invoice.class).value();
        assertThat(invoice.vendor()).isEqualTo("Unknown vendor");
        assertThat(invoice.dueDate()).isEqualTo(LocalDate.of(2026, 2, 1));
        assertThat(invoice.currency()).isEqualTo("USD");
        assertThat(invoice.total()).isEqualByComparingTo("42.00");
        assertThat(invoice.tax()).isEqualByComparingTo("42.00");
        assertThat(invoice.lineItems()).isEmpty();
    }

    @Test
    void flashcardsFromQuestionsAndDefinitionsInTheRequestedNumber() throws Exception {
        String text = "Photosynthesis is the process by which plants turn light into chemical energy. "
                + "What is chlorophyll? It is the green pigment that absorbs light. "
                + "The mitochondria are the powerhouse of the cell. Cells divide by mitosis.";
        Flashcards three = ask("Make 3 flashcards.", text, SimTesting.FLASHCARDS, Flashcards.class).value();
        assertThat(three.flashcards()).extracting(Flashcard::front).containsExactly(
                "What is chlorophyll?", "What is Photosynthesis?", "What are the mitochondria?");
        assertThat(three.flashcards().get(0).back()).isEqualTo("It is the green pigment that absorbs light.");
        assertThat(three.flashcards().get(2).back()).isEqualTo("The powerhouse of the cell.");
        assertThat(three.flashcards().get(1).source()).startsWith("Photosynthesis is the process");

        Flashcards all = ask("Make flashcards.", text, SimTesting.FLASHCARDS, Flashcards.class).value();
        assertThat(all.flashcards()).hasSize(4);
        assertThat(all.flashcards().get(3).back()).isEqualTo("Cells divide by mitosis.");
    }

    @Test
    void quizHasDistinctChoicesWithExactlyOneCorrect() throws Exception {
        String text = "Jupiter is the largest planet in the solar system. Mars has 2 small moons. "
                + "Venus rotates backwards compared with most planets.";
        Quiz quiz = ask("Write 4 questions for students.", text, SimTesting.QUIZ, Quiz.class).value();

        assertThat(quiz.questions()).hasSize(4);
        List<String> sentences = List.of("Jupiter is the largest planet in the solar system.", "Mars has 2 small moons.",
                "Venus rotates backwards compared with most planets.");
        for (Question q : quiz.questions()) {
            assertThat(new HashSet<>(q.choices())).as(q.question()).hasSize(4);
            assertThat(q.question()).startsWith("Fill in the blank: ").contains("_____");
            String filled = q.question().replace("Fill in the blank: ", "").replace("_____", q.choices().get(q.correctIndex()));
            assertThat(sentences).contains(filled);
            for (int i = 0; i < 4; i++) {
                if (i != q.correctIndex()) {
                    assertThat(sentences).doesNotContain(q.question().replace("Fill in the blank: ", "")
                            .replace("_____", q.choices().get(i)));
                }
            }
            assertThat(q.explanation()).isEqualTo("The text says: " + filled);
        }
        assertThat(quiz.questions().get(1).choices().get(quiz.questions().get(1).correctIndex())).isEqualTo("2");
        assertThat(new HashSet<>(quiz.questions().stream().map(Question::correctIndex).toList()))
                .as("the correct answer is not always at the same position").hasSizeGreaterThan(1);
    }

    @Test
    void twoCorrectMarkerRepeatsTheCorrectChoiceOfTheFirstQuestion() throws Exception {
        String text = "Jupiter is the largest planet in the solar system. Mars has 2 small moons.";
        Quiz quiz = ask("Write 2 questions.", text + " [sim:two_correct]", SimTesting.QUIZ, Quiz.class).value();
        Question first = quiz.questions().get(0);
        String correct = first.choices().get(first.correctIndex());
        assertThat(first.choices()).filteredOn(correct::equals).hasSize(2);
        assertThat(new HashSet<>(quiz.questions().get(1).choices())).hasSize(4);
        assertThat(first.explanation()).doesNotContain("[sim:");
    }

    @Test
    void anyOtherSchemaIsFilledValidly() throws Exception {
        ResponseSchema schema = ResponseSchema.parse("summary", """
                {"type":"object","required":["title","score","ratio","tags","level","flag","nested"],
                 "properties":{
                   "title":{"type":"string","maxLength":30},
                   "score":{"type":"integer","minimum":5,"maximum":9},
                   "ratio":{"type":"number","exclusiveMinimum":0,"maximum":1},
                   "tags":{"type":"array","minItems":3,"maxItems":5,"items":{"type":"string"}},
                   "level":{"enum":["low","high"]},
                   "flag":{"type":"boolean"},
                   "point":{"$ref":"#/$defs/point"},
                   "nested":{"type":"object","properties":{"n":{"type":["null","integer"]}}}},
                 "$defs":{"point":{"type":"object","required":["x"],"properties":{"x":{"type":"number"}}}}}
                """);
        Structured<JsonNode> a = ask("Summarize.", "Queues decouple work from requests. They smooth load.",
                schema, JsonNode.class);
        JsonNode v = a.value();
        assertThat(v.path("tags")).hasSize(3);
        assertThat(v.path("score").asInt()).isEqualTo(5);
        assertThat(v.path("level").asText()).isEqualTo("low");
        assertThat(v.path("title").asText()).hasSizeLessThanOrEqualTo(30);
        assertThat(v.path("point").path("x").isNumber()).isTrue();

        Structured<JsonNode> again = ask("Summarize.", "Queues decouple work from requests. They smooth load.",
                schema, JsonNode.class);
        assertThat(again.rawContent()).as("deterministic").isEqualTo(a.rawContent());
    }

    @Test
    void domainAnswersAreAdaptedToAStricterSchema() throws Exception {
        ResponseSchema moreCards = ResponseSchema.parse("flashcards", SimTesting.FLASHCARDS.schema().toString()
                .replace("\"type\":\"array\"", "\"type\":\"array\",\"minItems\":3"));
        Flashcards cards = ask("Make flashcards.", "Rust is a systems language.", moreCards, Flashcards.class).value();
        assertThat(cards.flashcards()).hasSize(3);
        assertThat(cards.flashcards().get(0).front()).isEqualTo("What is Rust?");
    }
}
