package io.jobfleet.text;

import java.text.NumberFormat;
import java.util.Locale;

/**
 * One extraction's spending against {@link ExtractionLimits}: pages and characters, and a stop
 * when the thread is interrupted (the watchdog, a cancel, a shutdown). Readers call it per page,
 * per piece of text and per content-stream operator, so no document keeps a handler slot once its
 * job has been stopped. Exceeding throws {@link ExtractionStopped}, unchecked so that it passes
 * through parser callbacks.
 */
final class ExtractionBudget {
    private final ExtractionLimits limits;
    private long chars;

    ExtractionBudget(ExtractionLimits limits) {
        this.limits = limits;
    }

    ExtractionLimits limits() {
        return limits;
    }

    /** Before reading page {@code number} (from 1); also for a declared page count. */
    void page(long number) {
        checkStop();
        if (number > limits.maxPages()) {
            throw new ExtractionStopped(tooManyPages(limits.maxPages()));
        }
    }

    void text(long count) {
        chars += count;
        if (chars > limits.maxChars()) {
            throw new ExtractionStopped(new DocumentException(DocumentError.TOO_LARGE,
                    "The document holds more than " + number(limits.maxChars()) + " characters of text, the limit."));
        }
    }

    void checkStop() {
        if (Thread.currentThread().isInterrupted()) {
            throw new ExtractionStopped(stopped());
        }
    }

    /** Why a reader failed when the thread was interrupted (its I/O may fail first, e.g. on a closed channel). */
    static DocumentException stopped() {
        return DocumentException.unreadable("Reading the document was stopped.", null);
    }

    static DocumentException tooManyPages(int max) {
        return new DocumentException(DocumentError.TOO_LARGE,
                "The document has more than " + number(max) + " pages, the limit.");
    }

    static DocumentException unpacksTooLarge(long max) {
        return new DocumentException(DocumentError.TOO_LARGE,
                "The document unpacks to more than " + SizeText.of(max) + ", the limit.");
    }

    private static String number(long n) {
        return NumberFormat.getIntegerInstance(Locale.ROOT).format(n);
    }
}
