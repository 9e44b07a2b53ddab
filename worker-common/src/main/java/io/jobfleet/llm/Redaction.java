package io.jobfleet.llm;

import io.jobfleet.config.Secret;
import java.util.regex.Pattern;

/**
 * Makes provider-supplied text safe to show: removes the API key, anything that looks like a
 * key or bearer token, and URLs; collapses whitespace; shortens it.
 */
final class Redaction {
    static final int MAX_DETAIL = 160;
    private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?|wss?)://\\S+");
    private static final Pattern BEARER = Pattern.compile("(?i)bearer\\s+\\S+");
    private static final Pattern KEY_LIKE = Pattern.compile(
            "\\b(?:sk|rk|pk|key|api|org|proj)[-_][A-Za-z0-9_*.\\-]{6,}");
    private static final Pattern LONG_TOKEN = Pattern.compile("\\b[A-Za-z0-9_\\-]{32,}\\b");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private Redaction() {
    }

    static String sanitize(String text, Secret key) {
        if (text == null) {
            return null;
        }
        String s = key == null ? text : key.redact(text);
        s = URL.matcher(s).replaceAll("<url>");
        s = BEARER.matcher(s).replaceAll("Bearer <redacted>");
        s = KEY_LIKE.matcher(s).replaceAll("<redacted>");
        s = LONG_TOKEN.matcher(s).replaceAll("<redacted>");
        s = SPACES.matcher(s).replaceAll(" ").strip();
        if (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.length() > MAX_DETAIL) {
            s = s.substring(0, MAX_DETAIL - 1).stripTrailing() + "…";
        }
        return s.isEmpty() ? null : s;
    }
}
