package io.jobfleet.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits text longer than a budget into pieces that fit, cutting at the last paragraph break,
 * else line break, else sentence end, else whitespace before the budget; a hard cut only for
 * text with no such boundary. Cuts in the first third of the budget are not taken, to avoid
 * tiny pieces.
 */
final class PageSplitter {
    private PageSplitter() {
    }

    static List<String> split(String text, int budget) {
        List<String> pieces = new ArrayList<>();
        String rest = text.strip();
        while (rest.length() > budget) {
            int cut = cutPoint(rest, budget);
            pieces.add(rest.substring(0, cut).strip());
            rest = rest.substring(cut).strip();
        }
        if (!rest.isEmpty()) {
            pieces.add(rest);
        }
        return pieces;
    }

    /** Where to cut {@code text} (longer than budget) so that the first piece has at most budget chars. */
    static int cutPoint(String text, int budget) {
        int minimum = Math.max(1, budget / 3);
        int cut = text.lastIndexOf("\n\n", budget);
        if (cut >= minimum) {
            return cut;
        }
        cut = text.lastIndexOf('\n', budget);
        if (cut >= minimum) {
            return cut;
        }
        for (int i = budget; i >= minimum; i--) {
            if (isSentenceEnd(text.charAt(i - 1)) && Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        for (int i = budget; i >= minimum; i--) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return Character.isHighSurrogate(text.charAt(budget - 1)) ? budget - 1 : budget;
    }

    private static boolean isSentenceEnd(char c) {
        return c == '.' || c == '!' || c == '?' || c == ';';
    }
}
