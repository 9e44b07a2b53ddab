package io.jobfleet.text;

import java.util.List;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Walks {@code word/document.xml}: paragraphs ({@code w:p}) become lines; inside runs, {@code w:t}
 * gives text, {@code w:tab} a tab, {@code w:br} a line or page break. Pages also advance at
 * {@code w:lastRenderedPageBreak} and after a paragraph that ends a section starting on a new page.
 * Deleted text and field codes are skipped because they are other elements.
 */
final class WordBodyParser {
    static final String W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    private final ExtractionBudget budget;
    private final PageCollector pages;
    private int runDepth;
    private int paragraphPropertiesDepth;
    private boolean inText;
    private boolean inParagraphSection;
    private boolean sectionBreakPending;

    WordBodyParser(ExtractionBudget budget) {
        this.budget = budget;
        this.pages = new PageCollector(budget);
    }

    List<Page> parse(XMLStreamReader xml) throws XMLStreamException {
        while (xml.hasNext()) {
            budget.checkStop();
            switch (xml.next()) {
                case XMLStreamConstants.START_ELEMENT -> start(xml);
                case XMLStreamConstants.END_ELEMENT -> end(xml);
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                    if (inText) {
                        pages.append(xml.getText());
                    }
                }
                case XMLStreamConstants.DTD -> throw new XMLStreamException("A DOCX part must not declare a DTD.");
                default -> {
                }
            }
        }
        return pages.finish();
    }

    private void start(XMLStreamReader xml) {
        if (!W.equals(xml.getNamespaceURI())) {
            return;
        }
        boolean inRun = runDepth > 0;
        switch (xml.getLocalName()) {
            case "r" -> runDepth++;
            case "t" -> inText = inRun;
            case "tab" -> appendInRun(inRun, "\t");
            case "cr" -> appendInRun(inRun, "\n");
            case "noBreakHyphen" -> appendInRun(inRun, "-");
            case "br" -> {
                if (inRun && "page".equals(xml.getAttributeValue(W, "type"))) {
                    pages.pageBreak();
                } else {
                    appendInRun(inRun, "\n");
                }
            }
            case "lastRenderedPageBreak" -> pages.renderedPageBreak();
            case "pPr" -> paragraphPropertiesDepth++;
            case "sectPr" -> {
                if (paragraphPropertiesDepth > 0) {
                    inParagraphSection = true;
                    sectionBreakPending = true; // the default section type is nextPage
                }
            }
            case "type" -> {
                if (inParagraphSection) {
                    String type = xml.getAttributeValue(W, "val");
                    sectionBreakPending = !"continuous".equals(type) && !"nextColumn".equals(type);
                }
            }
            default -> {
            }
        }
    }

    private void end(XMLStreamReader xml) {
        if (!W.equals(xml.getNamespaceURI())) {
            return;
        }
        switch (xml.getLocalName()) {
            case "r" -> runDepth = Math.max(0, runDepth - 1);
            case "t" -> inText = false;
            case "pPr" -> paragraphPropertiesDepth = Math.max(0, paragraphPropertiesDepth - 1);
            case "sectPr" -> inParagraphSection = false;
            case "p" -> {
                pages.endParagraph();
                if (sectionBreakPending) {
                    sectionBreakPending = false;
                    pages.pageBreak();
                }
            }
            default -> {
            }
        }
    }

    private void appendInRun(boolean inRun, String text) {
        if (inRun) {
            pages.append(text);
        }
    }
}
