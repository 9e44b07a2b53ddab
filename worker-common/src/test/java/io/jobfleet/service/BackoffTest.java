package io.jobfleet.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void doublesUpToTheMaximumAndStartsOverAfterASuccess() {
        Backoff b = Backoff.doubling(Duration.ofMillis(100), Duration.ofMillis(500));
        assertThat(b.next()).isEqualTo(Duration.ofMillis(100));
        assertThat(b.next()).isEqualTo(Duration.ofMillis(200));
        assertThat(b.next()).isEqualTo(Duration.ofMillis(400));
        assertThat(b.next()).isEqualTo(Duration.ofMillis(500));
        assertThat(b.next()).isEqualTo(Duration.ofMillis(500));
        assertThat(b.reset()).isEqualTo(Duration.ofMillis(100));
        assertThat(b.next()).isEqualTo(Duration.ofMillis(100));
        assertThat(b.next()).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void refusesAShrinkingOrInvertedBackoff() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(2), 0.5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theWaitAfterACountOfDoublingsGrowsTheSameWayUpToTheMaximum() {
        Duration first = Duration.ofSeconds(1);
        Duration max = Duration.ofMinutes(1);
        assertThat(Backoff.doubled(first, max, 0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(Backoff.doubled(first, max, -3)).as("no shrinking below the first").isEqualTo(Duration.ofSeconds(1));
        assertThat(Backoff.doubled(first, max, 5)).isEqualTo(Duration.ofSeconds(32));
        assertThat(Backoff.doubled(first, max, 6)).isEqualTo(max);
        assertThat(Backoff.doubled(first, max, Integer.MAX_VALUE)).as("no overflow").isEqualTo(max);
        Backoff loop = Backoff.doubling(first, max);
        for (int i = 0; i < 8; i++) {
            assertThat(Backoff.doubled(first, max, i)).as("the %dth wait of a doubling loop", i).isEqualTo(loop.next());
        }
    }
}
