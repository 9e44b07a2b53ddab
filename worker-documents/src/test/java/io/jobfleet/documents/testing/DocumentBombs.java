package io.jobfleet.documents.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Small files that claim or unpack to huge documents, for tests of the extraction limits. */
public final class DocumentBombs {
    private static final int BLOCK = 64 * 1024;

    private DocumentBombs() {
    }

    /** A PDF of about 1 KB whose page tree says it has {@code pages} pages (it holds one). */
    public static byte[] pdfClaimingPages(long pages) {
        String content = "BT /F1 12 Tf 72 720 Td (Claimed pages) Tj ET";
        return pdf("<< /Type /Pages /Kids [3 0 R] /Count " + pages + " >>",
                "<< /Length " + content.length() + " >>\nstream\n" + content + "\nendstream");
    }

    /** A one-page PDF whose content stream is {@code decodedBytes} zeros, deflated (a few KB per MB). */
    public static byte[] pdfWithInflatingStream(long decodedBytes) {
        return pdfWithDeflatedContent(new byte[BLOCK], decodedBytes);
    }

    /** A one-page PDF whose content is {@code count} save/restore operators ({@code q Q}): slow to run, no text. */
    public static byte[] pdfWithOperators(long count) {
        return pdfWithDeflatedContent("q Q\n".repeat(BLOCK / 4).getBytes(StandardCharsets.US_ASCII), count * 4);
    }

    private static byte[] pdfWithDeflatedContent(byte[] block, long decodedBytes) {
        byte[] deflated = deflatedRepeat(block, decodedBytes);
        String head = "<< /Length " + deflated.length + " /Filter /FlateDecode >>\nstream\n";
        return pdf("<< /Type /Pages /Kids [3 0 R] /Count 1 >>", head, deflated, "\nendstream");
    }

    /** A DOCX whose only paragraph holds {@code chars} letters: a few hundred KB that unpack to that much text. */
    public static byte[] docxWithText(long chars) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setLevel(Deflater.BEST_COMPRESSION);
            zip.putNextEntry(new ZipEntry("word/document.xml"));
            zip.write(("<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
                    + "<w:body><w:p><w:r><w:t>").getBytes(StandardCharsets.UTF_8));
            byte[] block = "a".repeat(BLOCK).getBytes(StandardCharsets.US_ASCII);
            for (long left = chars; left > 0; left -= BLOCK) {
                zip.write(block, 0, (int) Math.min(BLOCK, left));
            }
            zip.write("</w:t></w:r></w:p></w:body></w:document>".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** {@code block} repeated up to {@code count} bytes, deflated. */
    private static byte[] deflatedRepeat(byte[] block, long count) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflate = new DeflaterOutputStream(out, new Deflater(Deflater.BEST_SPEED), BLOCK)) {
            for (long left = count; left > 0; left -= block.length) {
                deflate.write(block, 0, (int) Math.min(block.length, left));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] pdf(String pages, String contentStream) {
        return pdf(pages, contentStream, new byte[0], "");
    }

    /** Catalog, page tree, one page with a font, and the content stream (head, raw bytes, tail), with a correct xref. */
    private static byte[] pdf(String pages, String contentHead, byte[] contentBytes, String contentTail) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Integer> offsets = new ArrayList<>();
        write(out, "%PDF-1.7\n");
        object(out, offsets, 1, "<< /Type /Catalog /Pages 2 0 R >>");
        object(out, offsets, 2, pages);
        object(out, offsets, 3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
                + "/Resources << /Font << /F1 5 0 R >> >> >>");
        offsets.add(out.size());
        write(out, "4 0 obj\n" + contentHead);
        out.writeBytes(contentBytes);
        write(out, contentTail + "\nendobj\n");
        object(out, offsets, 5, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
        int xref = out.size();
        StringBuilder table = new StringBuilder("xref\n0 6\n0000000000 65535 f \n");
        for (int offset : offsets) {
            table.append(String.format("%010d 00000 n \n", offset));
        }
        table.append("trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n").append(xref).append("\n%%EOF\n");
        write(out, table.toString());
        return out.toByteArray();
    }

    private static void object(ByteArrayOutputStream out, List<Integer> offsets, int number, String body) {
        offsets.add(out.size());
        write(out, number + " 0 obj\n" + body + "\nendobj\n");
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
