package io.jobfleet.text;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * Reads a PDF's text layer page by page with PDFBox. A PDF that averages fewer than
 * {@value #MIN_CHARS_PER_PAGE} non-blank characters per page counts as scanned.
 */
final class PdfTextReader {
    static final int MIN_CHARS_PER_PAGE = 10;

    ExtractedText read(byte[] bytes) throws DocumentException {
        try (PDDocument document = Loader.loadPDF(bytes)) {
            int pageCount = document.getNumberOfPages();
            if (pageCount == 0) {
                throw DocumentException.unreadable("The PDF contains no pages.", null);
            }
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setLineSeparator("\n");
            List<Page> pages = new ArrayList<>(pageCount);
            long visibleChars = 0;
            for (int number = 1; number <= pageCount; number++) {
                stripper.setStartPage(number);
                stripper.setEndPage(number);
                String text = PageText.tidy(stripper.getText(document));
                visibleChars += text.codePoints().filter(c -> !Character.isWhitespace(c)).count();
                pages.add(new Page(number, text));
            }
            if (visibleChars < (long) MIN_CHARS_PER_PAGE * pageCount) {
                throw new DocumentException(DocumentError.NO_TEXT_LAYER,
                        "This PDF has no text layer (it looks scanned); OCR is not supported yet.");
            }
            return new ExtractedText(pages);
        } catch (InvalidPasswordException e) {
            throw DocumentException.unreadable("The PDF is password-protected and cannot be read.", e);
        } catch (IOException | RuntimeException e) {
            throw DocumentException.unreadable("The PDF is damaged or not a valid PDF file.", e);
        }
    }
}
