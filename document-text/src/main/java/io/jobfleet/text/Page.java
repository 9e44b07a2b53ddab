package io.jobfleet.text;

import java.util.Objects;

/** The text of one page; {@code number} counts from 1 as printed page positions do. */
public record Page(int number, String text) {
    public Page {
        if (number < 1) {
            throw new IllegalArgumentException("Page numbers start at 1, got " + number);
        }
        Objects.requireNonNull(text, "text");
    }

    public boolean isBlank() {
        return text.isBlank();
    }
}
