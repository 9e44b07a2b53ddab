package io.jobfleet.cli;

import io.jobfleet.db.BatchProgress;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress of a long operation on stderr. On a terminal: one line redrawn with a carriage
 * return (bar, count/total, rate), at most ten times a second. Elsewhere (logs, pipes): one plain
 * line per batch.
 */
final class ProgressBar implements BatchProgress, AutoCloseable {
    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter err;
    private final String label;
    private final boolean terminal;
    private final LongSupplier clock;
    private final long startNanos;
    private long total = -1;
    private long done;
    private long lastDrawNanos;
    private boolean drawn;

    ProgressBar(PrintWriter err, String label, boolean terminal, LongSupplier clock) {
        this.err = err;
        this.label = label;
        this.terminal = terminal;
        this.clock = clock;
        this.startNanos = clock.getAsLong();
        this.lastDrawNanos = startNanos - REDRAW_NANOS;
    }

    /** A bar when stdin/stdout is a terminal ({@code System.console() != null}), plain lines otherwise. */
    static ProgressBar on(PrintWriter err, String label) {
        return new ProgressBar(err, label, System.console() != null, System::nanoTime);
    }

    @Override
    public void total(long rows) {
        total = rows;
    }

    @Override
    public void advanced(long rows) {
        done += rows;
        long now = clock.getAsLong();
        if (!terminal) {
            err.println(label + ": " + counts() + " (" + rate(now) + ")");
            err.flush();
        } else if (now - lastDrawNanos >= REDRAW_NANOS || total >= 0 && done >= total) {
            draw(now);
        }
    }

    long done() {
        return done;
    }

    @Override
    public void close() {
        if (terminal && drawn) {
            draw(clock.getAsLong());
            err.println();
            err.flush();
        }
    }

    private void draw(long now) {
        lastDrawNanos = now;
        drawn = true;
        StringBuilder b = new StringBuilder("\r").append(label).append(' ');
        if (total > 0) {
            int filled = (int) Math.min(WIDTH, done * WIDTH / total);
            b.append('[').append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append("] ");
        }
        b.append(counts()).append("  ").append(rate(now)).append("   ");
        err.print(b);
        err.flush();
    }

    private String counts() {
        if (total < 0) {
            return Long.toString(done);
        }
        long pct = total == 0 ? 100 : Math.min(100, done * 100 / total);
        return done + "/" + total + " " + pct + "%";
    }

    private String rate(long now) {
        double seconds = Math.max(now - startNanos, 1) / 1e9;
        return String.format(Locale.ROOT, "%.0f/s", done / seconds);
    }
}
