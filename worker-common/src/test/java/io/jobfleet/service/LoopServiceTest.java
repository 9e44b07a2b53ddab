package io.jobfleet.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LoopServiceTest {
    /** Reports every round; its rounds fail while {@code failing} is set, and then wait as {@code afterFailure} says. */
    private static final class Probe extends LoopService {
        final BlockingQueue<String> events = new LinkedBlockingQueue<>();
        final AtomicInteger rounds = new AtomicInteger();
        volatile boolean failing;
        volatile Duration wait = Duration.ofMinutes(1);

        Probe() {
            super("test-loop");
        }

        @Override
        protected Duration runOnce() {
            rounds.incrementAndGet();
            events.add("round");
            if (failing) {
                throw new IllegalStateException("boom");
            }
            return wait;
        }

        @Override
        protected Duration afterFailure(Exception e) {
            events.add("failed: " + e.getMessage());
            return Duration.ofMinutes(1);
        }

        @Override
        protected void onStopped() {
            events.add("stopped");
        }

        String next() throws InterruptedException {
            String e = events.poll(10, TimeUnit.SECONDS);
            assertThat(e).as("an event within 10 s").isNotNull();
            return e;
        }
    }

    @Test
    void runsARoundAtStartAndOnEveryWake() throws Exception {
        Probe p = new Probe();
        p.start();
        try {
            assertThat(p.next()).isEqualTo("round");
            p.wake();
            assertThat(p.next()).as("the one-minute wait was cut short").isEqualTo("round");
        } finally {
            p.stop(Duration.ofSeconds(5));
        }
        assertThat(p.next()).isEqualTo("stopped");
    }

    @Test
    void aFailingRoundDoesNotEndTheLoop() throws Exception {
        Probe p = new Probe();
        p.failing = true;
        p.start();
        try {
            assertThat(p.next()).isEqualTo("round");
            assertThat(p.next()).isEqualTo("failed: boom");
            p.failing = false;
            p.wake();
            assertThat(p.next()).isEqualTo("round");
        } finally {
            p.stop(Duration.ofSeconds(5));
        }
    }

    @Test
    void stopBeforeStartAndDoubleStopAreHarmlessAndStartTwiceIsRefused() throws Exception {
        Probe never = new Probe();
        never.stop(Duration.ofSeconds(1));
        assertThat(never.rounds).hasValue(0);

        Probe p = new Probe();
        p.start();
        assertThat(p.next()).isEqualTo("round");
        assertThatThrownBy(p::start).isInstanceOf(IllegalStateException.class);
        p.stop(Duration.ofSeconds(5));
        p.stop(Duration.ofSeconds(5));
        assertThat(p.next()).isEqualTo("stopped");
        int after = p.rounds.get();
        p.wake();
        assertThat(p.events.poll(100, TimeUnit.MILLISECONDS)).as("no round after stop").isNull();
        assertThat(p.rounds).hasValue(after);
    }
}
