package io.jobfleet.text.samples;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Generates real documents for demos and tests: multi-page PDFs with a text layer, scanned-looking
 * PDFs without one, DOCX files with page breaks, and realistic texts to put in them.
 */
public final class SampleDocuments {
    private SampleDocuments() {
    }

    /**
     * A PDF with one A4 page per text, in Helvetica; long lines are wrapped, characters outside
     * WinAnsi become '?'. A text that does not fit on one page is refused.
     */
    public static byte[] pdf(List<String> pageTexts) {
        return SamplePdfWriter.textPages(pageTexts);
    }

    /** A PDF whose pages carry only an image and drawn rectangles: no text layer at all. */
    public static byte[] scannedPdf(int pages) {
        if (pages < 1) {
            throw new IllegalArgumentException("A PDF needs at least one page, got " + pages);
        }
        return SamplePdfWriter.imageOnlyPages(pages);
    }

    /** A minimal DOCX; each inner list is one page of paragraphs, separated by page breaks. */
    public static byte[] docx(List<List<String>> pagesOfParagraphs) {
        return SampleDocxWriter.pages(pagesOfParagraphs);
    }

    /** A DOCX package around a hand-written {@code word/document.xml}, for edge cases. */
    public static byte[] docxFromDocumentXml(String documentXml) {
        return SampleDocxWriter.zip(documentXml);
    }

    /** UTF-8 bytes. A form feed ({@code \f}) starts a new page when extracted. */
    public static byte[] text(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A six-page requirements specification: security, performance, functional and compliance
     * requirements phrased with shall/must/should; pages 1 and 6 state no requirement.
     */
    public static List<String> requirementsSpecification() {
        return SampleTexts.REQUIREMENTS_SPECIFICATION;
    }

    /** Page numbers (from 1) of {@link #requirementsSpecification()} that state no requirement. */
    public static List<Integer> requirementsSpecificationPagesWithoutRequirements() {
        return SampleTexts.PAGES_WITHOUT_REQUIREMENTS;
    }

    /**
     * An invoice whose numbers add up, in the line format {@code Vendor: ...}, {@code Invoice number: ...},
     * {@code Issue date: ...}, {@code Due date: ...}, {@code Currency: ...}, line items
     * {@code - Description | Quantity | Unit price | Amount}, {@code Subtotal:}, {@code Tax:}, {@code Total:}.
     */
    public static String invoiceText() {
        return SampleTexts.INVOICE;
    }

    /** The invoice with a subtotal 100.00 above the sum of its line items (tax and total follow the subtotal). */
    public static String invoiceTextNotAddingUp() {
        return SampleTexts.INVOICE_NOT_ADDING_UP;
    }

    /** Three paragraphs of definitions in the form "X is Y." about the cell. */
    public static String studyText() {
        return SampleTexts.STUDY_TEXT;
    }
}
