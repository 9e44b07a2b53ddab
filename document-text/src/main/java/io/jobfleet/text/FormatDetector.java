package io.jobfleet.text;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Decides a document's format from its bytes first (PDF header, DOCX zip layout), and only for
 * text from the name's extension or the content type, since any valid UTF-8 could be text.
 */
final class FormatDetector {
    private static final byte[] PDF_MAGIC = "%PDF-".getBytes(StandardCharsets.US_ASCII);
    /** PDF readers accept the header anywhere in the first 1024 bytes. */
    private static final int PDF_HEADER_WINDOW = 1024;
    private static final String DOCX_MAIN_PART = "word/document.xml";

    private FormatDetector() {
    }

    /**
     * @param name        file name or last URL segment, may be null
     * @param contentType media type without parameters, lower case, may be null
     */
    static DocumentFormat detect(byte[] bytes, String name, String contentType) throws DocumentException {
        if (startsWithPdfHeader(bytes)) {
            return DocumentFormat.PDF;
        }
        if (ZipEntryNames.isZip(bytes)) {
            if (ZipEntryNames.read(bytes).contains(DOCX_MAIN_PART)) {
                return DocumentFormat.DOCX;
            }
            throw DocumentException.unsupported("The file is a zip archive but not a Word (DOCX) document.");
        }
        DocumentFormat textFormat = textFormatFromHints(name, contentType);
        if (textFormat == null) {
            throw DocumentException.unsupported(
                    "The file is not a PDF, Word (DOCX), text or Markdown document.");
        }
        if (!isUtf8Text(bytes)) {
            throw DocumentException.unsupported("The text file is not valid UTF-8 text.");
        }
        return textFormat;
    }

    static boolean startsWithPdfHeader(byte[] bytes) {
        int last = Math.min(bytes.length, PDF_HEADER_WINDOW) - PDF_MAGIC.length;
        for (int start = 0; start <= last; start++) {
            if (matchesAt(bytes, start)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesAt(byte[] bytes, int start) {
        for (int i = 0; i < PDF_MAGIC.length; i++) {
            if (bytes[start + i] != PDF_MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    private static DocumentFormat textFormatFromHints(String name, String contentType) {
        String lowerName = name == null ? "" : name.toLowerCase(Locale.ROOT);
        if (lowerName.endsWith(".md") || lowerName.endsWith(".markdown") || "text/markdown".equals(contentType)) {
            return DocumentFormat.MARKDOWN;
        }
        if (lowerName.endsWith(".txt") || "text/plain".equals(contentType)) {
            return DocumentFormat.TEXT;
        }
        return null;
    }

    /** Strict UTF-8, and no NUL bytes, which text never holds but binary files usually do. */
    static boolean isUtf8Text(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0) {
                return false;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
