package io.jobfleet.text;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * Strips a PDF's text in one pass, one {@link Page} per PDF page, spending the budget as it goes:
 * a page count check before each page, every glyph against the character limit, and a stop check
 * before each content-stream operator, so an interrupt ends even a page that never shows text.
 */
final class PdfPageStripper extends PDFTextStripper {
    private final ExtractionBudget budget;
    private final StringWriter out = new StringWriter();
    private final List<Page> pages = new ArrayList<>();

    PdfPageStripper(ExtractionBudget budget) {
        this.budget = budget;
        setLineSeparator("\n");
    }

    List<Page> pages(PDDocument document) throws IOException {
        writeText(document, out);
        return pages;
    }

    @Override
    protected void startPage(PDPage page) throws IOException {
        budget.page(pages.size() + 1L);
        out.getBuffer().setLength(0);
        super.startPage(page);
    }

    @Override
    protected void endPage(PDPage page) throws IOException {
        super.endPage(page);
        pages.add(new Page(pages.size() + 1, PageText.tidy(out.toString())));
        out.getBuffer().setLength(0);
    }

    @Override
    protected void processTextPosition(TextPosition text) {
        budget.text(text.getUnicode() == null ? 1 : text.getUnicode().length());
        super.processTextPosition(text);
    }

    @Override
    protected void processOperator(Operator operator, List<COSBase> operands) throws IOException {
        budget.checkStop();
        super.processOperator(operator, operands);
    }
}
