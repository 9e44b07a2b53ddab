package io.jobfleet.text;

import java.util.List;
import java.util.stream.Collectors;

/** A document's text, page by page, in page order. */
public record ExtractedText(List<Page> pages) {
    public ExtractedText {
        pages = List.copyOf(pages);
        for (int i = 1; i < pages.size(); i++) {
            if (pages.get(i).number() <= pages.get(i - 1).number()) {
                throw new IllegalArgumentException("Pages must be in ascending order: page "
                        + pages.get(i).number() + " follows page " + pages.get(i - 1).number());
            }
        }
    }

    public int pageCount() {
        return pages.size();
    }

    /** True when no page holds anything but whitespace. */
    public boolean isBlank() {
        return pages.stream().allMatch(Page::isBlank);
    }

    /** All pages joined by blank lines, without page markers. */
    public String fullText() {
        return pages.stream().map(Page::text).collect(Collectors.joining("\n\n"));
    }
}
