package io.jobfleet.console;

import java.util.Locale;

/** What a signed-in user may do: a viewer looks (no payloads or results unless allowed), an operator acts too. */
enum Role {
    VIEWER, OPERATOR;

    static Role parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("role must be viewer or operator, got: " + text);
        }
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
