package io.jobfleet.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobfleet.text.samples.SampleDocuments;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Page and character limits end an extraction with TOO_LARGE; an interrupted thread ends it at once. */
class ExtractionLimitsTest {
    private final TextExtractor small = new TextExtractor(ExtractionLimits.defaults().withMaxPages(3).withMaxChars(1_000));

    @Test
    void formFeedsPastThePageLimit() {
        assertTooLarge(text("a\fb\fc\fd"), "The document has more than 3 pages, the limit.");
        assertThat(extract(small, text("a\fb\fc")).pageCount()).isEqualTo(3);
    }

    @Test
    void textPastTheCharacterLimit() {
        assertTooLarge(text("x".repeat(1_001)), "The document holds more than 1,000 characters of text, the limit.");
    }

    @Test
    void pdfPagesAndDocxTextCountToo() {
        byte[] pdf = SampleDocuments.pdf(List.of("Page one text", "Page two text", "Page three text", "Page four"));
        assertTooLarge(new LoadedDocument(pdf, DocumentFormat.PDF, "a.pdf"), "The document has more than 3 pages, the limit.");
        byte[] docx = SampleDocuments.docx(List.of(List.of("y".repeat(600), "z".repeat(600))));
        assertTooLarge(new LoadedDocument(docx, DocumentFormat.DOCX, "a.docx"),
                "The document holds more than 1,000 characters of text, the limit.");
    }

    @Test
    void anInterruptedThreadStopsTheExtraction() throws Exception {
        byte[] pdf = SampleDocuments.pdf(List.of("Some page text here"));
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread t = new Thread(() -> {
            Thread.currentThread().interrupt();
            try {
                new TextExtractor().extract(new LoadedDocument(pdf, DocumentFormat.PDF, "a.pdf"));
            } catch (Throwable e) {
                outcome.set(e);
            }
        });
        t.start();
        t.join();

        assertThat(outcome.get()).isInstanceOfSatisfying(DocumentException.class,
                e -> assertThat(e.getMessage()).isEqualTo("Reading the document was stopped."));
    }

    private static LoadedDocument text(String s) {
        return new LoadedDocument(s.getBytes(StandardCharsets.UTF_8), DocumentFormat.TEXT, "a.txt");
    }

    private static ExtractedText extract(TextExtractor extractor, LoadedDocument d) {
        try {
            return extractor.extract(d);
        } catch (DocumentException e) {
            throw new AssertionError(e);
        }
    }

    private void assertTooLarge(LoadedDocument d, String message) {
        assertThatThrownBy(() -> small.extract(d)).isInstanceOfSatisfying(DocumentException.class, e -> {
            assertThat(e.code()).isEqualTo(DocumentError.TOO_LARGE);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }
}
