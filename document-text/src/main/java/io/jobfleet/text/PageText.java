package io.jobfleet.text;

/** Tidies extracted page text the same way for every format. */
final class PageText {
    private PageText() {
    }

    /** Unix line ends, no trailing spaces on lines, no blank lines at the start or the end. */
    static String tidy(String text) {
        String unix = text.replace("\r\n", "\n").replace('\r', '\n');
        StringBuilder out = new StringBuilder(unix.length());
        for (String line : unix.split("\n", -1)) {
            out.append(line.stripTrailing()).append('\n');
        }
        int start = 0;
        while (start < out.length() && out.charAt(start) == '\n') {
            start++;
        }
        return out.substring(start).stripTrailing();
    }
}
