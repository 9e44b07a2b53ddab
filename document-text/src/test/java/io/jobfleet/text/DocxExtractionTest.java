package io.jobfleet.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobfleet.text.samples.SampleDocuments;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocxExtractionTest {
    private static final String W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    private final TextExtractor extractor = new TextExtractor();

    @Test
    void pageBreaksSeparatePagesAndParagraphsBecomeLines() throws Exception {
        byte[] docx = SampleDocuments.docx(List.of(
                List.of("Title", "First paragraph."),
                List.of("Second page & more <text>."),
                List.of("Third\tpage", "Last line")));

        ExtractedText text = extract(docx);

        assertThat(text.pages()).containsExactly(
                new Page(1, "Title\nFirst paragraph."),
                new Page(2, "Second page & more <text>."),
                new Page(3, "Third\tpage\nLast line"));
    }

    @Test
    void readsRunsTabsAndBreaksButNotTabStopsDeletionsOrFieldCodes() throws Exception {
        String body = "<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs></w:pPr>"
                + "<w:r><w:t>Name</w:t><w:tab/><w:t>Value</w:t></w:r>"
                + "<w:r><w:t xml:space=\"preserve\"> more</w:t><w:br/><w:t>next line</w:t></w:r>"
                + "<w:del><w:r><w:delText>deleted</w:delText></w:r></w:del>"
                + "<w:r><w:instrText>PAGE \\* MERGEFORMAT</w:instrText></w:r></w:p>";

        assertThat(extract(docx(body)).pages()).containsExactly(new Page(1, "Name\tValue more\nnext line"));
    }

    @Test
    void pageBreakInsideAParagraphSplitsIt() throws Exception {
        String body = "<w:p><w:r><w:t>Before</w:t><w:br w:type=\"page\"/><w:t>After</w:t></w:r></w:p>";

        assertThat(extract(docx(body)).pages()).containsExactly(new Page(1, "Before"), new Page(2, "After"));
    }

    @Test
    void renderedPageBreaksAdvanceThePageButNotTwiceAfterAnExplicitBreak() throws Exception {
        String body = paragraph("One")
                + "<w:p><w:r><w:lastRenderedPageBreak/><w:t>Two</w:t></w:r></w:p>"
                + "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>"
                + "<w:p><w:r><w:lastRenderedPageBreak/><w:t>Three</w:t></w:r></w:p>";

        assertThat(extract(docx(body)).pages())
                .containsExactly(new Page(1, "One"), new Page(2, "Two"), new Page(3, "Three"));
    }

    @Test
    void sectionBreaksStartANewPageUnlessContinuous() throws Exception {
        String body = sectionEnd("Section one", "<w:type w:val=\"nextPage\"/>")
                + sectionEnd("Section two", "<w:type w:val=\"continuous\"/>")
                + sectionEnd("Still page two", "")
                + paragraph("Page three")
                + "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr>";

        assertThat(extract(docx(body)).pages()).containsExactly(
                new Page(1, "Section one"),
                new Page(2, "Section two\nStill page two"),
                new Page(3, "Page three"));
    }

    @Test
    void refusesDoctypesSoExternalEntitiesCannotLeakFiles(@TempDir Path dir) throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET");
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>"
                + "<w:document xmlns:w=\"" + W + "\"><w:body>" + paragraph("&xxe;") + "</w:body></w:document>";

        assertThatThrownBy(() -> extract(SampleDocuments.docxFromDocumentXml(xml)))
                .isInstanceOfSatisfying(DocumentException.class, e -> {
                    assertThat(e.code()).isEqualTo(DocumentError.UNREADABLE);
                    assertThat(e.getMessage()).doesNotContain("TOP-SECRET");
                });
    }

    @Test
    void stopsUnpackingAZipBomb() throws IOException {
        TextExtractor smallBudget = new TextExtractor(ExtractionLimits.defaults().withMaxDecodedBytes(1024 * 1024));
        byte[] hugeDocument = SampleDocuments.docxFromDocumentXml(
                "<w:document xmlns:w=\"" + W + "\"><w:body>" + " ".repeat(4 * 1024 * 1024) + "</w:body></w:document>");
        byte[] hugeMediaFirst = zip("word/media/image1.bin", new byte[4 * 1024 * 1024],
                "word/document.xml", docxXml(paragraph("tiny")).getBytes(StandardCharsets.UTF_8));

        assertThat(hugeDocument.length).isLessThan(64 * 1024);
        for (byte[] bomb : List.of(hugeDocument, hugeMediaFirst)) {
            assertThatThrownBy(() -> smallBudget.extract(new LoadedDocument(bomb, DocumentFormat.DOCX, "bomb.docx")))
                    .isInstanceOfSatisfying(DocumentException.class, e -> {
                        assertThat(e.code()).isEqualTo(DocumentError.TOO_LARGE);
                        assertThat(e.getMessage()).contains("unpacks to more than 1 MB");
                    });
        }
    }

    @Test
    void damagedPackagesAreUnreadable() throws IOException {
        byte[] noMainPart = zip("word/styles.xml", "<w:styles/>".getBytes(StandardCharsets.UTF_8),
                "docProps/app.xml", "<Properties/>".getBytes(StandardCharsets.UTF_8));
        byte[] brokenXml = SampleDocuments.docxFromDocumentXml("<w:document xmlns:w=\"" + W + "\"><w:body><w:p>");
        byte[] notAZip = "PK\u0003\u0004 this is no zip".getBytes(StandardCharsets.ISO_8859_1);

        for (byte[] bytes : List.of(noMainPart, brokenXml, notAZip)) {
            assertThatThrownBy(() -> extract(bytes))
                    .isInstanceOfSatisfying(DocumentException.class,
                            e -> assertThat(e.code()).isEqualTo(DocumentError.UNREADABLE));
        }
    }

    private ExtractedText extract(byte[] docx) throws DocumentException {
        return extractor.extract(new LoadedDocument(docx, DocumentFormat.DOCX, "test.docx"));
    }

    private static byte[] docx(String body) {
        return SampleDocuments.docxFromDocumentXml(docxXml(body));
    }

    private static String docxXml(String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<w:document xmlns:w=\"" + W + "\"><w:body>" + body + "</w:body></w:document>";
    }

    private static String paragraph(String text) {
        return "<w:p><w:r><w:t>" + text + "</w:t></w:r></w:p>";
    }

    private static String sectionEnd(String text, String type) {
        return "<w:p><w:pPr><w:sectPr>" + type + "</w:sectPr></w:pPr><w:r><w:t>" + text + "</w:t></w:r></w:p>";
    }

    private static byte[] zip(String name1, byte[] content1, String name2, byte[] content2) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(name1));
            zip.write(content1);
            zip.putNextEntry(new ZipEntry(name2));
            zip.write(content2);
        }
        return bytes.toByteArray();
    }
}
