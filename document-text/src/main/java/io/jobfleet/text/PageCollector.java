package io.jobfleet.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Gathers text into numbered pages as a flowing document is read, spending the extraction
 * budget for every page and every character. Word writes a rendered page
 * break right after an explicit one, so a rendered break on a page with no text yet is ignored.
 */
final class PageCollector {
    private final ExtractionBudget budget;
    private final List<Page> pages = new ArrayList<>();
    private final StringBuilder current = new StringBuilder();
    private boolean textSinceBreak;

    PageCollector(ExtractionBudget budget) {
        this.budget = budget;
    }

    void append(String text) {
        budget.text(text.length());
        current.append(text);
        if (!text.isBlank()) {
            textSinceBreak = true;
        }
    }

    void endParagraph() {
        current.append('\n');
    }

    /** An explicit page break: always starts a new page, even after an empty one. */
    void pageBreak() {
        budget.page(pages.size() + 1L);
        pages.add(new Page(pages.size() + 1, PageText.tidy(current.toString())));
        current.setLength(0);
        textSinceBreak = false;
    }

    /** Where Word's last layout broke the page; counts only if this page already holds text. */
    void renderedPageBreak() {
        if (textSinceBreak) {
            pageBreak();
        }
    }

    /** The pages; a trailing page with no text (after a final break) is left out. */
    List<Page> finish() {
        if (textSinceBreak || pages.isEmpty()) {
            pageBreak();
        }
        return List.copyOf(pages);
    }
}
