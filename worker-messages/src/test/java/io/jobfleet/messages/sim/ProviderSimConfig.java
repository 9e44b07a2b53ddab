package io.jobfleet.messages.sim;

import java.time.Duration;

/**
 * The message provider simulator's settings.
 *
 * @param faultRate    share 0..1 of new requests that meet a fault (spread evenly, kinds in turn): 5xx before accepting, a hang
 *                     after accepting (past the client's timeout), a reset after accepting (the
 *                     client retries the key: a duplicate-key replay), or 429 with Retry-After
 * @param deduplicates a repeated idempotency key gets the first answer again (replayed) instead of
 *                     a second delivery
 * @param hang         how long a "hang after accepting" fault keeps the client waiting
 * @param retryAfter   the Retry-After of a 429
 */
public record ProviderSimConfig(String host, int port, double faultRate, long seed, boolean deduplicates, Duration hang,
                                Duration retryAfter) {
    public static final int PORT_DEFAULT = 8091;

    public ProviderSimConfig {
        if (faultRate < 0 || faultRate > 1) {
            throw new IllegalArgumentException("--fault-rate must be within 0..1 (got " + faultRate + ")");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be within 0..65535 (got " + port + ")");
        }
    }

    /** Any free loopback port, no faults, de-duplicating. */
    public static ProviderSimConfig ephemeral() {
        return new ProviderSimConfig("127.0.0.1", 0, 0, 42, true, Duration.ofSeconds(5), Duration.ofMillis(200));
    }

    public ProviderSimConfig withFaultRate(double rate) {
        return new ProviderSimConfig(host, port, rate, seed, deduplicates, hang, retryAfter);
    }

    public ProviderSimConfig withDeduplicates(boolean dedup) {
        return new ProviderSimConfig(host, port, faultRate, seed, dedup, hang, retryAfter);
    }

    public ProviderSimConfig withHang(Duration d) {
        return new ProviderSimConfig(host, port, faultRate, seed, deduplicates, d, retryAfter);
    }
}
