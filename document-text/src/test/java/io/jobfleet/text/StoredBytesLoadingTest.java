package io.jobfleet.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobfleet.text.samples.SampleDocuments;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** Format detection, exercised through bytes stored on a row. */
class StoredBytesLoadingTest {
    private final DocumentLoader loader = new DocumentLoader();

    @Test
    void detectsPdfAndDocxFromTheBytesWhateverTheHints() throws Exception {
        byte[] pdf = SampleDocuments.pdf(List.of("Page one"));
        byte[] docx = SampleDocuments.docx(List.of(List.of("Paragraph")));

        assertThat(load(pdf, null, null).format()).isEqualTo(DocumentFormat.PDF);
        assertThat(load(pdf, "misnamed.txt", "text/plain").format()).isEqualTo(DocumentFormat.PDF);
        assertThat(load(docx, null, "application/pdf").format()).isEqualTo(DocumentFormat.DOCX);
    }

    @Test
    void textNeedsAnExtensionOrContentType() throws Exception {
        byte[] text = SampleDocuments.text("Grüße aus Köln");

        assertThat(load(text, "a.txt", null).format()).isEqualTo(DocumentFormat.TEXT);
        assertThat(load(text, "a.MD", null).format()).isEqualTo(DocumentFormat.MARKDOWN);
        assertThat(load(text, "a.markdown", null).format()).isEqualTo(DocumentFormat.MARKDOWN);
        assertThat(load(text, null, "text/plain; charset=UTF-8").format()).isEqualTo(DocumentFormat.TEXT);
        assertThat(load(text, null, "Text/Markdown").format()).isEqualTo(DocumentFormat.MARKDOWN);
        assertError(text, null, null, DocumentError.UNSUPPORTED_TYPE);
        assertError(text, "a.html", "text/html", DocumentError.UNSUPPORTED_TYPE);
    }

    @Test
    void refusesTextThatIsNotUtf8() {
        byte[] latin1 = "Grüße".getBytes(StandardCharsets.ISO_8859_1);
        assertError(latin1, "a.txt", null, DocumentError.UNSUPPORTED_TYPE);
        assertError(new byte[] {'a', 0, 'b'}, "a.txt", null, DocumentError.UNSUPPORTED_TYPE);
    }

    @Test
    void refusesZipsThatAreNotWordDocuments() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("xl/workbook.xml"));
            zip.write("<workbook/>".getBytes(StandardCharsets.UTF_8));
        }
        assertError(bytes.toByteArray(), "a.docx", null, DocumentError.UNSUPPORTED_TYPE);
    }

    @Test
    void defaultsTheNameAndEnforcesTheSizeLimit() throws Exception {
        assertThat(load(SampleDocuments.text("x"), null, "text/plain").name()).isEqualTo("document");

        DocumentLoader small = new DocumentLoader(LoaderLimits.defaults().withMaxBytes(10));
        assertThatThrownBy(() -> small.load(new DocumentSource.StoredBytes(new byte[11], "a.txt", null)))
                .isInstanceOfSatisfying(DocumentException.class,
                        e -> assertThat(e.code()).isEqualTo(DocumentError.TOO_LARGE));
    }

    private LoadedDocument load(byte[] bytes, String name, String contentType) throws DocumentException {
        return loader.load(new DocumentSource.StoredBytes(bytes, name, contentType));
    }

    private void assertError(byte[] bytes, String name, String contentType, DocumentError expected) {
        assertThatThrownBy(() -> load(bytes, name, contentType))
                .isInstanceOfSatisfying(DocumentException.class, e -> assertThat(e.code()).isEqualTo(expected));
    }
}
