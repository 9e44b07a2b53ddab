package io.jobfleet.text.samples;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes the smallest DOCX Word opens: {@code [Content_Types].xml}, {@code _rels/.rels} and
 * {@code word/document.xml}. Pages are separated by explicit page breaks.
 */
final class SampleDocxWriter {
    private static final String CONTENT_TYPES = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/word/document.xml" \
            ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\
            </Types>""";
    private static final String RELATIONSHIPS = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" \
            Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" \
            Target="word/document.xml"/>\
            </Relationships>""";
    private static final String DOCUMENT_START = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>""";
    private static final String DOCUMENT_END =
            "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr></w:body></w:document>";
    private static final String PAGE_BREAK = "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>";

    private SampleDocxWriter() {
    }

    static byte[] pages(List<List<String>> pagesOfParagraphs) {
        StringBuilder xml = new StringBuilder(DOCUMENT_START);
        for (int page = 0; page < pagesOfParagraphs.size(); page++) {
            if (page > 0) {
                xml.append(PAGE_BREAK);
            }
            for (String paragraph : pagesOfParagraphs.get(page)) {
                xml.append("<w:p>").append(run(paragraph)).append("</w:p>");
            }
        }
        return zip(xml.append(DOCUMENT_END).toString());
    }

    static byte[] zip(String documentXml) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            add(zip, "[Content_Types].xml", CONTENT_TYPES);
            add(zip, "_rels/.rels", RELATIONSHIPS);
            add(zip, "word/document.xml", documentXml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** One run; tabs become {@code w:tab}, line breaks {@code w:br}. */
    private static String run(String paragraph) {
        StringBuilder run = new StringBuilder("<w:r>");
        StringBuilder text = new StringBuilder();
        for (char c : paragraph.toCharArray()) {
            if (c == '\t' || c == '\n') {
                appendText(run, text);
                run.append(c == '\t' ? "<w:tab/>" : "<w:br/>");
            } else {
                text.append(c);
            }
        }
        appendText(run, text);
        return run.append("</w:r>").toString();
    }

    private static void appendText(StringBuilder run, StringBuilder text) {
        if (text.length() > 0) {
            run.append("<w:t xml:space=\"preserve\">").append(escape(text.toString())).append("</w:t>");
            text.setLength(0);
        }
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> {
                    if (c >= 0x20) {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static void add(ZipOutputStream zip, String name, String content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
