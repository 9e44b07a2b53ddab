package io.jobfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    private final AtomicLong clock = new AtomicLong();
    private final StringWriter text = new StringWriter();

    @Test
    void onATerminalOneLineIsRedrawnWithBarCountAndRate() {
        try (ProgressBar bar = new ProgressBar(new PrintWriter(text), "pruning", true, clock::get)) {
            bar.total(4000);
            clock.set(1_000_000_000L);
            bar.advanced(1000);
            clock.addAndGet(10_000_000L);
            bar.advanced(1000); // within 100 ms of the last draw: not redrawn
            clock.set(2_000_000_000L);
            bar.advanced(2000);
        }
        String out = text.toString();
        assertThat(out).startsWith("\rpruning [#######.......................] 1000/4000 25%  1000/s");
        assertThat(out).doesNotContain("2000/4000");
        assertThat(out).contains("\rpruning [##############################] 4000/4000 100%  2000/s");
        assertThat(out).endsWith(System.lineSeparator());
        assertThat(out.chars().filter(c -> c == '\n').count()).as("one line, redrawn").isEqualTo(1);
    }

    @Test
    void offATerminalEachBatchIsOnePlainLine() {
        try (ProgressBar bar = new ProgressBar(new PrintWriter(text), "retrying", false, clock::get)) {
            bar.total(3);
            clock.set(500_000_000L);
            bar.advanced(2);
            bar.advanced(1);
        }
        assertThat(text.toString().lines()).containsExactly("retrying: 2/3 66% (4/s)", "retrying: 3/3 100% (6/s)");
    }

    @Test
    void nothingIsPrintedWhenNothingAdvanced() {
        try (ProgressBar bar = new ProgressBar(new PrintWriter(text), "unlocking", true, clock::get)) {
            bar.total(0);
        }
        assertThat(text.toString()).isEmpty();
    }
}
