package io.jobfleet.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobfleet.text.samples.SampleDocuments;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.junit.jupiter.api.Test;

class PdfExtractionTest {
    private final TextExtractor extractor = new TextExtractor();

    @Test
    void extractsEachPageWithItsNumber() throws Exception {
        byte[] pdf = SampleDocuments.pdf(List.of("First page text.", "Second page\nwith two lines.", "Third."));

        ExtractedText text = extractor.extract(pdf(pdf));

        assertThat(text.pages()).extracting(Page::number).containsExactly(1, 2, 3);
        assertThat(text.pages()).extracting(Page::text)
                .containsExactly("First page text.", "Second page\nwith two lines.", "Third.");
    }

    @Test
    void keepsEveryWordOfWrappedLongLines() throws Exception {
        String longLine = String.join(" ", Collections.nCopies(60, "requirement"));

        ExtractedText text = extractor.extract(pdf(SampleDocuments.pdf(List.of(longLine))));

        assertThat(text.pages()).hasSize(1);
        assertThat(text.pages().get(0).text().lines().count()).isGreaterThan(1);
        assertThat(text.pages().get(0).text().split("\\s+")).hasSize(60).containsOnly("requirement");
    }

    @Test
    void readsTheSampleSpecificationPageByPage() throws Exception {
        List<String> spec = SampleDocuments.requirementsSpecification();

        ExtractedText text = extractor.extract(pdf(SampleDocuments.pdf(spec)));

        assertThat(text.pageCount()).isEqualTo(spec.size());
        assertThat(text.pages().get(1).text()).contains("SEC-1: The system shall encrypt all personal data");
        assertThat(text.pages().get(4).text()).contains("COMP-2: Personal data must be deleted");
    }

    @Test
    void scannedPdfHasNoTextLayer() {
        assertThatThrownBy(() -> extractor.extract(pdf(SampleDocuments.scannedPdf(3))))
                .isInstanceOfSatisfying(DocumentException.class, e -> {
                    assertThat(e.code()).isEqualTo(DocumentError.NO_TEXT_LAYER);
                    assertThat(e.errorCode()).isEqualTo("no_text_layer");
                    assertThat(e.getMessage())
                            .isEqualTo("This PDF has no text layer (it looks scanned); OCR is not supported yet.");
                });
    }

    @Test
    void pagesWithOnlyAPageNumberStillCountAsScanned() {
        byte[] pdf = SampleDocuments.pdf(List.of("Page 1 of 4", "Page 2 of 4", "Page 3 of 4", "Page 4 of 4"));

        assertThatThrownBy(() -> extractor.extract(pdf(pdf)))
                .isInstanceOfSatisfying(DocumentException.class,
                        e -> assertThat(e.code()).isEqualTo(DocumentError.NO_TEXT_LAYER));
    }

    @Test
    void corruptBytesAreUnreadable() {
        byte[] truncated = Arrays.copyOf(SampleDocuments.pdf(List.of("Some text")), 300);
        byte[] garbage = "%PDF-1.7\nthis is not a pdf at all".getBytes(StandardCharsets.US_ASCII);

        assertUnreadable(truncated);
        assertUnreadable(garbage);
    }

    @Test
    void passwordProtectedPdfIsUnreadable() throws Exception {
        byte[] encrypted;
        try (PDDocument document = Loader.loadPDF(SampleDocuments.pdf(List.of("Confidential text")))) {
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner", "user", new AccessPermission());
            policy.setEncryptionKeyLength(128);
            document.protect(policy);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            encrypted = out.toByteArray();
        }

        assertThatThrownBy(() -> extractor.extract(pdf(encrypted)))
                .isInstanceOfSatisfying(DocumentException.class, e -> {
                    assertThat(e.code()).isEqualTo(DocumentError.UNREADABLE);
                    assertThat(e.getMessage()).contains("password");
                });
    }

    private void assertUnreadable(byte[] bytes) {
        assertThatThrownBy(() -> extractor.extract(pdf(bytes)))
                .isInstanceOfSatisfying(DocumentException.class,
                        e -> assertThat(e.code()).isEqualTo(DocumentError.UNREADABLE));
    }

    private static LoadedDocument pdf(byte[] bytes) {
        return new LoadedDocument(bytes, DocumentFormat.PDF, "test.pdf");
    }
}
