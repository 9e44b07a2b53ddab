package io.jobfleet.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WakeupTest {
    private final Wakeup wakeup = new Wakeup();

    @Test
    void aWakeBeforeTheWaitIsRememberedOnce() throws Exception {
        wakeup.wake();
        wakeup.wake(); // coalesced with the first
        assertThat(wakeup.await(Duration.ofMinutes(1))).as("returns at once").isTrue();
        assertThat(wakeup.await(Duration.ofMillis(20))).as("nothing left to wake it").isFalse();
    }

    @Test
    void aWakeCutsARunningWaitShort() throws Exception {
        CompletableFuture<Boolean> woken = CompletableFuture.supplyAsync(() -> {
            try {
                return wakeup.await(Duration.ofMinutes(1));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        wakeup.wake();
        assertThat(woken.get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aWaitRunsOutWithoutAWake() throws Exception {
        assertThat(wakeup.await(Duration.ZERO)).isFalse();
        assertThat(wakeup.await(Duration.ofMillis(-5))).isFalse();
    }
}
