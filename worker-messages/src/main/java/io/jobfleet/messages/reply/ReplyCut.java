package io.jobfleet.messages.reply;

/**
 * Cuts a reply longer than a message may be: at the last whitespace that leaves room for the
 * ellipsis (when it keeps more than half), else at the limit, never between the two halves of a
 * surrogate pair (an emoji would become {@code ?}). The result, ellipsis included, is at most
 * {@code max} characters (UTF-16 units, as providers count them).
 */
final class ReplyCut {
    static final String ELLIPSIS = "...";

    private ReplyCut() {
    }

    static String cut(String reply, int max) {
        if (reply.length() <= max) {
            return reply;
        }
        int room = max - ELLIPSIS.length();
        int end = room;
        while (end > room / 2 && !Character.isWhitespace(reply.charAt(end))) {
            end--;
        }
        if (end <= room / 2) {
            end = Character.isHighSurrogate(reply.charAt(room - 1)) ? room - 1 : room;
        }
        return reply.substring(0, end).stripTrailing() + ELLIPSIS;
    }
}
