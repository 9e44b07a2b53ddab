package io.jobfleet.wake;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobfleet.config.EngineConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The poll-only fallback's decisions with the production settings: 2 s, x1.5 per empty poll, 30 s cap. */
class AdaptivePollTest {
    private final EngineConfig defaults = EngineConfig.defaults("q");
    private final AdaptivePoll poll = new AdaptivePoll(defaults.pollMin(), defaults.pollMax(), defaults.pollFactor());

    @Test
    void growsByHalfPerEmptyPollUpToThirtySeconds() {
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            waits.add(poll.afterEmpty().toMillis());
        }
        assertThat(waits).containsExactly(2000L, 3000L, 4500L, 6750L, 10125L, 15188L, 22782L, 30000L, 30000L,
                30000L);
    }

    @Test
    void aJobFoundBringsItBackToTwoSeconds() {
        for (int i = 0; i < 20; i++) {
            poll.afterEmpty();
        }
        assertThat(poll.afterFound()).isEqualTo(Duration.ofSeconds(2));
        assertThat(poll.afterEmpty()).as("the first empty poll after a job").isEqualTo(Duration.ofSeconds(2));
        assertThat(poll.afterEmpty()).isEqualTo(Duration.ofSeconds(3));
    }
}
