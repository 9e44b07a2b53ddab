package io.jobfleet.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** {@code --prefetch auto} follows the jobs' run time; a fixed prefetch stays as set. */
class PrefetchSizerTest {
    private static final long MS = Duration.ofMillis(1).toNanos();

    @Test
    void aFixedPrefetchIsWhatWasSet() {
        PrefetchSizer fixed = new PrefetchSizer(8, OptionalInt.of(5));
        assertThat(fixed.prefetch()).isEqualTo(5);
        fixed.ran(10 * 60_000 * MS);
        fixed.ran(1_000);
        assertThat(fixed.prefetch()).isEqualTo(5);
    }

    @Test
    void autoHoldsNoneBeforeTheFirstJobRan() {
        assertThat(new PrefetchSizer(8, OptionalInt.empty()).prefetch()).isZero();
    }

    @Test
    void autoHoldsThreePerThreadForJobsOfMicroseconds() {
        PrefetchSizer auto = new PrefetchSizer(8, OptionalInt.empty());
        auto.ran(20_000);
        assertThat(auto.prefetch()).isEqualTo(24);
    }

    @Test
    void autoHoldsWhatTheThreadsFinishInTheHoldTime() {
        PrefetchSizer auto = new PrefetchSizer(8, OptionalInt.empty());
        auto.ran(40 * MS); // 8 threads finish 10 jobs of 40 ms in 50 ms
        assertThat(auto.prefetch()).isEqualTo(10);
    }

    @Test
    void autoHoldsNoneForJobsLongerThanTheHoldTimeOnEveryThread() {
        PrefetchSizer auto = new PrefetchSizer(8, OptionalInt.empty());
        auto.ran(2_000 * MS); // an LLM call
        assertThat(auto.prefetch()).isZero();
    }

    @Test
    void autoFollowsJobsThatBecomeSlow() {
        PrefetchSizer auto = new PrefetchSizer(4, OptionalInt.empty());
        for (int i = 0; i < 100; i++) {
            auto.ran(50_000);
        }
        assertThat(auto.prefetch()).isEqualTo(12);
        int runs = 0;
        while (auto.prefetch() > 0) {
            auto.ran(5_000 * MS);
            runs++;
        }
        assertThat(runs).as("slow runs until none is held").isBetween(1, 16);
        for (int i = 0; i < 100; i++) {
            auto.ran(50_000);
        }
        assertThat(auto.prefetch()).as("and fast again").isEqualTo(12);
    }
}
