package io.jobfleet.text;

import java.io.IOException;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;

/**
 * Reads a PDF's text layer page by page with PDFBox, within the {@link ExtractionLimits}: the
 * declared page count, the decoded size of its streams and the extracted text are checked before
 * they can fill the heap; PDFBox's own scratch data goes to temporary files. A PDF that averages
 * fewer than {@value #MIN_CHARS_PER_PAGE} non-blank characters per page counts as scanned.
 */
final class PdfTextReader {
    static final int MIN_CHARS_PER_PAGE = 10;

    ExtractedText read(byte[] bytes, ExtractionBudget budget) throws DocumentException {
        try (PDDocument document = Loader.loadPDF(bytes, "", null, null, IOUtils.createTempFileOnlyStreamCache())) {
            int pageCount = document.getNumberOfPages();
            if (pageCount == 0) {
                throw DocumentException.unreadable("The PDF contains no pages.", null);
            }
            budget.page(pageCount);
            new PdfStreamBudget(budget).check(document.getDocument());
            List<Page> pages = new PdfPageStripper(budget).pages(document);
            long visibleChars = 0;
            for (Page page : pages) {
                visibleChars += page.text().codePoints().filter(c -> !Character.isWhitespace(c)).count();
            }
            if (visibleChars < (long) MIN_CHARS_PER_PAGE * Math.max(1, pages.size())) {
                throw new DocumentException(DocumentError.NO_TEXT_LAYER,
                        "This PDF has no text layer (it looks scanned); OCR is not supported yet.");
            }
            return new ExtractedText(pages);
        } catch (ExtractionStopped e) {
            throw e.reason();
        } catch (InvalidPasswordException e) {
            throw DocumentException.unreadable("The PDF is password-protected and cannot be read.", e);
        } catch (IOException | RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw ExtractionBudget.stopped();
            }
            throw DocumentException.unreadable("The PDF is damaged or not a valid PDF file.", e);
        }
    }
}
