package io.jobfleet.llm.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a document into sentences, remembering the page each comes from ({@code [page N]} marker
 * lines, page 1 before the first). Lines of a paragraph are joined; bullet and numbered lines,
 * blank lines and page markers end a paragraph.
 */
public final class Sentences {
    /** One sentence and the page it is on. */
    public record Sentence(String text, int page) {
    }

    private static final Pattern PAGE = Pattern.compile("(?i)^\\s*\\[page\\s+(\\d+)]\\s*(.*)$");
    private static final Pattern BULLET = Pattern.compile("^\\s*(?:[-*•]|\\d{1,3}[.)])\\s+(.*)$");
    private static final Pattern BOUNDARY = Pattern.compile("(?<=[.!?])\\s+(?=[\\p{Lu}\\d\"'(\\[])");

    private final List<Sentence> out = new ArrayList<>();
    private final StringBuilder paragraph = new StringBuilder();
    private int page = 1;

    private Sentences() {
    }

    public static List<Sentence> split(String text) {
        Sentences s = new Sentences();
        for (String line : (text == null ? "" : text).split("\\R")) {
            s.line(line);
        }
        s.flush();
        return List.copyOf(s.out);
    }

    private void line(String line) {
        Matcher pageMarker = PAGE.matcher(line);
        if (pageMarker.matches()) {
            flush();
            page = Integer.parseInt(pageMarker.group(1));
            line = pageMarker.group(2);
        }
        Matcher bullet = BULLET.matcher(line);
        if (bullet.matches()) {
            flush();
            line = bullet.group(1);
        }
        if (line.isBlank()) {
            flush();
            return;
        }
        if (paragraph.length() > 0) {
            paragraph.append(' ');
        }
        paragraph.append(line.strip());
    }

    private void flush() {
        for (String sentence : BOUNDARY.split(paragraph)) {
            String s = sentence.strip();
            if (!s.isEmpty()) {
                out.add(new Sentence(s, page));
            }
        }
        paragraph.setLength(0);
    }

    /** The first sentence of {@code text}, at most {@code max} characters. */
    public static String first(String text, int max) {
        List<Sentence> all = split(text);
        return all.isEmpty() ? "" : shorten(all.get(0).text(), max);
    }

    public static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1).stripTrailing() + "…";
    }
}
