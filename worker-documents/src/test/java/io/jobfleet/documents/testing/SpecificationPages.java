package io.jobfleet.documents.testing;

import io.jobfleet.text.samples.SampleDocuments;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where {@link SampleDocuments#requirementsSpecification()} puts its requirements: each one is
 * labelled ({@code SEC-1:}, {@code PERF-2:}, ...) at the start of its sentence.
 */
public final class SpecificationPages {
    private static final Pattern LABEL = Pattern.compile("(?m)^\\s*([A-Z]+-\\d+):");
    private static final Pattern IN_TEXT = Pattern.compile("\\b([A-Z]+-\\d+):");

    private SpecificationPages() {
    }

    /** Label to page (from 1), in document order. */
    public static Map<String, Integer> labelPages() {
        Map<String, Integer> pages = new LinkedHashMap<>();
        List<String> spec = SampleDocuments.requirementsSpecification();
        for (int i = 0; i < spec.size(); i++) {
            Matcher m = LABEL.matcher(spec.get(i));
            while (m.find()) {
                pages.put(m.group(1), i + 1);
            }
        }
        return pages;
    }

    /**
     * The label in a requirement's text. Usually at its start; the simulator joins a heading that
     * directly precedes the first requirement of a chapter ("Functional requirements FUN-1: ...").
     */
    public static Optional<String> labelOf(String requirementText) {
        Matcher m = IN_TEXT.matcher(requirementText);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The specification as DOCX paragraphs: one list per page, one paragraph per non-blank line. */
    public static List<List<String>> docxParagraphs() {
        List<List<String>> pages = new ArrayList<>();
        for (String page : SampleDocuments.requirementsSpecification()) {
            pages.add(page.lines().filter(l -> !l.isBlank()).toList());
        }
        return pages;
    }

    /** The specification as plain text, pages separated by form feeds. */
    public static String text() {
        return String.join("\n\f", SampleDocuments.requirementsSpecification());
    }
}
