package io.jobfleet.text.samples;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/** Writes A4 PDFs in Helvetica, one PDF page per given text, and image-only "scanned" PDFs. */
final class SamplePdfWriter {
    private static final PDRectangle PAGE_SIZE = PDRectangle.A4;
    private static final float MARGIN = 56;
    private static final float FONT_SIZE = 11;
    private static final float LEADING = 14;

    private SamplePdfWriter() {
    }

    static byte[] textPages(List<String> pageTexts) {
        try (PDDocument document = new PDDocument()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            LineWrapper wrapper = new LineWrapper(font, FONT_SIZE, PAGE_SIZE.getWidth() - 2 * MARGIN);
            int maxLines = (int) ((PAGE_SIZE.getHeight() - 2 * MARGIN) / LEADING);
            for (int i = 0; i < pageTexts.size(); i++) {
                List<String> lines = wrapper.wrap(pageTexts.get(i));
                if (lines.size() > maxLines) {
                    throw new IllegalArgumentException("Page " + (i + 1) + " needs " + lines.size()
                            + " lines, but a page holds " + maxLines + "; split the text over more pages.");
                }
                PDPage page = new PDPage(PAGE_SIZE);
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.beginText();
                    content.setFont(font, FONT_SIZE);
                    content.setLeading(LEADING);
                    content.newLineAtOffset(MARGIN, PAGE_SIZE.getHeight() - MARGIN);
                    for (String line : lines) {
                        content.showText(line);
                        content.newLine();
                    }
                    content.endText();
                }
            }
            return save(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] imageOnlyPages(int pages) {
        try (PDDocument document = new PDDocument()) {
            PDImageXObject image = LosslessFactory.createFromImage(document, fakeScan());
            for (int i = 0; i < pages; i++) {
                PDPage page = new PDPage(PAGE_SIZE);
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.drawImage(image, MARGIN, PAGE_SIZE.getHeight() / 2, 300, 200);
                    content.setNonStrokingColor(Color.DARK_GRAY);
                    for (int line = 0; line < 12; line++) {
                        content.addRect(MARGIN, MARGIN + line * 20, 200 + (line % 3) * 60, 8);
                    }
                    content.fill();
                }
            }
            return save(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Grey bars on white, like a photographed page; drawn without fonts so it works headless. */
    private static BufferedImage fakeScan() {
        BufferedImage image = new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        try {
            graphics.setColor(Color.WHITE);
            graphics.fillRect(0, 0, 300, 200);
            graphics.setColor(Color.GRAY);
            for (int y = 20; y < 180; y += 16) {
                graphics.fillRect(20, y, 200 + (y % 48), 6);
            }
        } finally {
            graphics.dispose();
        }
        return image;
    }

    private static byte[] save(PDDocument document) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        document.save(out);
        return out.toByteArray();
    }
}
