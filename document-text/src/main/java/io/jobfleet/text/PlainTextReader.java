package io.jobfleet.text;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** UTF-8 text and Markdown: one page, or one page per form-feed-separated part, within the budget. */
final class PlainTextReader {
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    ExtractedText read(byte[] bytes, ExtractionBudget budget) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (!text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK) {
            text = text.substring(1);
        }
        budget.page(text.chars().filter(c -> c == '\f').count() + 1);
        budget.text(text.length());
        text = text.replace("\r\n", "\n").replace('\r', '\n');
        String[] parts = text.split("\f", -1);
        int count = parts.length;
        if (count > 1 && parts[count - 1].isBlank()) {
            count--;
        }
        List<Page> pages = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            pages.add(new Page(i + 1, PageText.tidy(parts[i])));
        }
        return new ExtractedText(pages);
    }
}
