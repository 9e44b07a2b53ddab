package io.jobfleet.console;

import io.jobfleet.service.Backoff;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failed sign-ins counted per key (a client address, a user name as typed), in memory. From the
 * {@value #LOCK_AFTER}th failure in a row a key is locked: {@link #FIRST_LOCK}, doubling with each
 * further failure up to {@link #LONGEST_LOCK}. A key with no failure for {@link #FORGET_AFTER} is
 * forgotten, and at most {@link #MAX_KEYS} keys are kept (the oldest failures are dropped first),
 * so no one grows the console's memory by failing under new names from new addresses.
 *
 * <p>A password check counts as a failure from the moment it starts ({@link #attempt}) until it
 * succeeds ({@link #succeeded}): requests sent at once cannot all pass the lock while the first
 * ones are still being checked.
 */
final class SignInThrottle {
    private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);
    static final int LOCK_AFTER = 5;
    static final Duration FIRST_LOCK = Duration.ofSeconds(1);
    static final Duration LONGEST_LOCK = Duration.ofMinutes(5);
    static final Duration FORGET_AFTER = Duration.ofMinutes(15);
    static final int MAX_KEYS = 10_000;
    /** A user name is kept to this length (a longer one cannot exist: {@link UsersFile#NAME}). */
    private static final int NAME_MAX = 64;

    /** {@code count} failures in a row, the last at {@code last}. */
    private record Failures(int count, Instant last) {
        Instant lockedUntil() {
            return count < LOCK_AFTER ? last : last.plus(lockFor(count));
        }
    }

    private final Clock clock;
    /** In the order of their last failure, oldest first. */
    private final LinkedHashMap<String, Failures> byKey = new LinkedHashMap<>();

    SignInThrottle(Clock clock) {
        this.clock = clock;
    }

    /**
     * The key of a client address: an IPv4 address, or the /64 of an IPv6 one (one host is commonly
     * given a whole /64, so its addresses count as one).
     */
    static String address(InetAddress a) {
        if (a instanceof Inet6Address) {
            byte[] prefix = Arrays.copyOf(a.getAddress(), 16);
            Arrays.fill(prefix, 8, 16, (byte) 0);
            try {
                return "address " + InetAddress.getByAddress(prefix).getHostAddress() + "/64";
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e); // 16 bytes are always an address
            }
        }
        return "address " + a.getHostAddress();
    }

    /** The key of a user name, as typed; control characters become {@code ?} (the key is logged). */
    static String user(String name) {
        String n = name.length() > NAME_MAX ? name.substring(0, NAME_MAX) : name;
        StringBuilder b = new StringBuilder("user ");
        n.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return b.toString();
    }

    /** The lock for a failure that is the {@code failures}th in a row: zero before {@link #LOCK_AFTER}. */
    static Duration lockFor(int failures) {
        if (failures < LOCK_AFTER) {
            return Duration.ZERO;
        }
        return Backoff.doubled(FIRST_LOCK, LONGEST_LOCK, failures - LOCK_AFTER);
    }

    /** How long the most locked of these keys stays locked; zero when none is. */
    synchronized Duration lockedFor(String... keys) {
        Instant now = clock.instant();
        forgetQuiet(now);
        Duration longest = Duration.ZERO;
        for (String key : keys) {
            Failures f = byKey.get(key);
            if (f != null && f.lockedUntil().isAfter(now)) {
                Duration left = Duration.between(now, f.lockedUntil());
                longest = left.compareTo(longest) > 0 ? left : longest;
            }
        }
        return longest;
    }

    /**
     * A password is about to be checked: when a key is locked, how long for (and nothing is
     * counted); else zero, and the attempt counts as a failure of each key unless it {@link #succeeded}.
     */
    synchronized Duration attempt(String... keys) {
        Duration locked = lockedFor(keys);
        if (locked.isZero()) {
            count(keys);
        }
        return locked;
    }

    /** The attempt failed: the keys it locked are logged. */
    synchronized void failed(String... keys) {
        for (String key : keys) {
            Failures f = byKey.get(key);
            if (f != null && f.count() >= LOCK_AFTER) {
                log.warn("console: {} locked for {} s after {} failed passwords or tokens in a row", key,
                        lockFor(f.count()).toSeconds(), f.count());
            }
        }
    }

    /** A failure that was not {@link #attempt}ed first (a bearer token that matches none): counted and logged. */
    synchronized void failedNow(String... keys) {
        count(keys);
        failed(keys);
    }

    /** A sign-in succeeded: its keys' failures are forgotten. */
    synchronized void succeeded(String... keys) {
        for (String key : keys) {
            byKey.remove(key);
        }
    }

    /** How many keys are kept now. */
    synchronized int keys() {
        forgetQuiet(clock.instant());
        return byKey.size();
    }

    private void count(String... keys) {
        Instant now = clock.instant();
        forgetQuiet(now);
        for (String key : keys) {
            Failures old = byKey.remove(key);
            byKey.put(key, new Failures(old == null ? 1 : old.count() + 1, now));
        }
        Iterator<String> oldest = byKey.keySet().iterator();
        while (byKey.size() > MAX_KEYS) {
            oldest.next();
            oldest.remove();
        }
    }

    private void forgetQuiet(Instant now) {
        Iterator<Failures> oldest = byKey.values().iterator();
        while (oldest.hasNext() && !oldest.next().last().plus(FORGET_AFTER).isAfter(now)) {
            oldest.remove();
        }
    }
}
