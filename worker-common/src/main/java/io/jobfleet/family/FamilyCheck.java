package io.jobfleet.family;

/**
 * One count a family watches in its app tables, with its alert threshold, for {@code diagnose}
 * (a problem, exit 6, when the count is past the threshold) and {@code stats}.
 *
 * @param family    the family's name, e.g. {@code messages}
 * @param code      a stable code, e.g. {@code messages_uncertain}
 * @param label     what is counted, e.g. "outgoing messages UNCERTAIN"
 * @param count     how many now
 * @param threshold a count above this is a problem
 * @param advice    what to do about it
 */
public record FamilyCheck(String family, String code, String label, long count, long threshold, String advice) {
    public boolean pastThreshold() {
        return count > threshold;
    }
}
