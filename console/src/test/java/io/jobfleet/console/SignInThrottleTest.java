package io.jobfleet.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The counting and locking of failed sign-ins, on a clock that moves only when told. */
class SignInThrottleTest {
    static final String OLIVIA = SignInThrottle.user("olivia");
    static final String HOST = address("192.0.2.7");

    final SettableClock clock = new SettableClock(Instant.parse("2026-03-01T09:00:00Z"));
    final SignInThrottle throttle = new SignInThrottle(clock);

    @Test
    void theFifthFailureInARowLocksForASecondAndEachFurtherOneDoublesUpToFiveMinutes() {
        for (int i = 1; i < SignInThrottle.LOCK_AFTER; i++) {
            fail(OLIVIA);
            assertThat(throttle.lockedFor(OLIVIA)).as("after %d failures", i).isZero();
        }
        List<Long> locks = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            fail(OLIVIA);
            Duration locked = throttle.lockedFor(OLIVIA);
            locks.add(locked.toSeconds());
            // refused while locked, and the refusals count for nothing
            assertThat(throttle.attempt(OLIVIA)).isEqualTo(locked);
            clock.tick(locked.minusMillis(1));
            assertThat(throttle.attempt(OLIVIA)).isEqualTo(Duration.ofMillis(1));
            clock.tick(Duration.ofMillis(1));
            assertThat(throttle.lockedFor(OLIVIA)).isZero();
        }
        assertThat(locks).containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 64L, 128L, 256L, 300L, 300L, 300L);
        assertThat(SignInThrottle.lockFor(Integer.MAX_VALUE)).isEqualTo(SignInThrottle.LONGEST_LOCK);
    }

    @Test
    void aSuccessForgetsItsKeysFailuresAndNoOtherKeys() {
        String other = SignInThrottle.user("victor");
        for (int i = 0; i < SignInThrottle.LOCK_AFTER - 1; i++) {
            fail(OLIVIA, HOST);
            fail(other);
        }
        assertThat(throttle.attempt(OLIVIA, HOST)).isZero();
        throttle.succeeded(OLIVIA, HOST);
        fail(OLIVIA, HOST);
        assertThat(throttle.lockedFor(OLIVIA, HOST)).as("counting starts again").isZero();
        fail(other);
        assertThat(throttle.lockedFor(other)).isEqualTo(SignInThrottle.FIRST_LOCK);
    }

    @Test
    void eitherKeyLockedRefusesTheAttemptAndTheLongerLockIsTheWait() {
        String elsewhere = address("198.51.100.4");
        for (int i = 0; i < SignInThrottle.LOCK_AFTER + 2; i++) {
            throttle.failedNow(elsewhere);
        }
        for (int i = 0; i < SignInThrottle.LOCK_AFTER; i++) {
            fail(OLIVIA);
        }
        assertThat(throttle.attempt(OLIVIA, HOST)).isEqualTo(Duration.ofSeconds(1));
        assertThat(throttle.attempt(SignInThrottle.user("victor"), elsewhere)).isEqualTo(Duration.ofSeconds(4));
        assertThat(throttle.attempt(OLIVIA, elsewhere)).isEqualTo(Duration.ofSeconds(4));
        assertThat(throttle.attempt(SignInThrottle.user("victor"), HOST)).as("neither is locked").isZero();
    }

    @Test
    void checksStillRunningCountAsFailuresSoRequestsSentAtOnceCannotAllPass() {
        for (int i = 0; i < SignInThrottle.LOCK_AFTER; i++) {
            assertThat(throttle.attempt(OLIVIA, HOST)).isZero();
        }
        assertThat(throttle.attempt(OLIVIA, HOST)).isEqualTo(SignInThrottle.FIRST_LOCK);
        throttle.succeeded(OLIVIA, HOST);
        assertThat(throttle.attempt(OLIVIA, HOST)).as("the one that was right lifts the lock").isZero();
    }

    @Test
    void failuresAreForgottenAfterAQuietPeriod() {
        for (int i = 0; i < SignInThrottle.LOCK_AFTER - 1; i++) {
            fail(OLIVIA);
        }
        clock.tick(SignInThrottle.FORGET_AFTER.minusSeconds(1));
        fail(OLIVIA);
        assertThat(throttle.lockedFor(OLIVIA)).as("not quiet long enough").isEqualTo(SignInThrottle.FIRST_LOCK);

        clock.tick(SignInThrottle.FORGET_AFTER);
        assertThat(throttle.keys()).isZero();
        fail(OLIVIA);
        assertThat(throttle.lockedFor(OLIVIA)).isZero();
        for (int i = 1; i < SignInThrottle.LOCK_AFTER; i++) {
            fail(OLIVIA);
        }
        assertThat(throttle.lockedFor(OLIVIA)).as("five again").isEqualTo(SignInThrottle.FIRST_LOCK);
    }

    @Test
    void atMostMaxKeysAreKeptAndTheOldestFailuresGoFirst() {
        for (int i = 0; i < SignInThrottle.LOCK_AFTER; i++) {
            fail(OLIVIA);
        }
        for (int i = 0; i < SignInThrottle.MAX_KEYS - 2; i++) {
            throttle.failedNow(address("10.0." + i / 256 + "." + i % 256));
        }
        fail(HOST);
        assertThat(throttle.keys()).isEqualTo(SignInThrottle.MAX_KEYS);
        assertThat(throttle.lockedFor(OLIVIA)).isEqualTo(SignInThrottle.FIRST_LOCK);

        for (int i = 0; i < 3 * SignInThrottle.MAX_KEYS; i++) {
            throttle.failedNow(SignInThrottle.user("guess-" + i));
        }
        assertThat(throttle.keys()).isEqualTo(SignInThrottle.MAX_KEYS);
        assertThat(throttle.lockedFor(OLIVIA)).as("the oldest is dropped").isZero();
    }

    @Test
    void aNameIsKeptAsTypedCutToTheLongestNameAndWithoutControlCharacters() {
        assertThat(SignInThrottle.user("Olivia")).isNotEqualTo(OLIVIA);
        assertThat(SignInThrottle.user("olivia\n{\"level\":\"INFO\"}\u0000")).isEqualTo("user olivia?{\"level\":\"INFO\"}?");
        assertThat(SignInThrottle.user("x".repeat(100_000))).isEqualTo("user " + "x".repeat(64));
        assertThat(SignInThrottle.user("127.0.0.1")).isNotEqualTo(address("127.0.0.1"));
    }

    @Test
    void anIpv6AddressCountsWithTheRestOfItsSlash64() {
        assertThat(address("2001:db8:1:2::7")).isEqualTo(address("2001:db8:1:2:ffff:1:2:3"))
                .isEqualTo("address 2001:db8:1:2:0:0:0:0/64");
        assertThat(address("2001:db8:1:3::7")).isNotEqualTo(address("2001:db8:1:2::7"));
        assertThat(address("::ffff:192.0.2.7")).as("IPv4 mapped into IPv6").isEqualTo(HOST);
    }

    private static String address(String literal) {
        try {
            return SignInThrottle.address(InetAddress.getByName(literal));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A password check that failed. */
    private void fail(String... keys) {
        assertThat(throttle.attempt(keys)).isZero();
        throttle.failed(keys);
    }
}
