package io.jobfleet.llm.sim;

import io.jobfleet.config.ConfigException;
import io.jobfleet.config.Secret;
import java.time.Duration;

/**
 * How the simulator listens and misbehaves.
 *
 * @param port 0 for an ephemeral port
 * @param latency added to every answer; {@code jitter} adds a random 0..jitter on top
 * @param faultRate share (0..1) of requests that fail at random: 429 with {@code Retry-After: 1},
 *        500, 503, an answer slower than {@code slowAnswer}, or invalid JSON for schema requests
 * @param seed makes the random faults and jitter reproducible
 * @param requiredKey when not empty, requests without {@code Authorization: Bearer <key>} get 401
 */
public record SimulatorConfig(String host, int port, Duration latency, Duration jitter, double faultRate,
                              long seed, Secret requiredKey, Duration slowAnswer) {
    public static final String HOST_DEFAULT = "127.0.0.1";
    public static final int PORT_DEFAULT = 8089;
    public static final long SEED_DEFAULT = 42;
    /** Longer than the client's default read timeout (60 s), so a slow fault is a timeout. */
    public static final Duration SLOW_ANSWER_DEFAULT = Duration.ofSeconds(65);

    public SimulatorConfig {
        requiredKey = requiredKey == null ? Secret.empty() : requiredKey;
    }

    public static SimulatorConfig defaults() {
        return new SimulatorConfig(HOST_DEFAULT, PORT_DEFAULT, Duration.ZERO, Duration.ZERO, 0.0, SEED_DEFAULT,
                Secret.empty(), SLOW_ANSWER_DEFAULT);
    }

    /** Loopback, an ephemeral port, no latency, no faults: for tests. */
    public static SimulatorConfig ephemeral() {
        return defaults().withPort(0);
    }

    public SimulatorConfig validate() {
        if (host == null || host.isBlank()) {
            throw new ConfigException("--host must name an interface, e.g. 127.0.0.1");
        }
        if (port < 0 || port > 65535) {
            throw new ConfigException("--port must be 0-65535 (got " + port + ")");
        }
        if (latency.isNegative() || jitter.isNegative() || slowAnswer.isNegative()) {
            throw new ConfigException("--latency-ms, --jitter-ms and --slow-ms must not be negative");
        }
        if (!(faultRate >= 0 && faultRate <= 1)) {
            throw new ConfigException("--fault-rate must be between 0 and 1 (got " + faultRate + ")");
        }
        return this;
    }

    public SimulatorConfig withPort(int newPort) {
        return new SimulatorConfig(host, newPort, latency, jitter, faultRate, seed, requiredKey, slowAnswer);
    }

    public SimulatorConfig withLatency(Duration newLatency, Duration newJitter) {
        return new SimulatorConfig(host, port, newLatency, newJitter, faultRate, seed, requiredKey, slowAnswer);
    }

    public SimulatorConfig withFaults(double rate, long newSeed, Duration newSlowAnswer) {
        return new SimulatorConfig(host, port, latency, jitter, rate, newSeed, requiredKey, newSlowAnswer);
    }

    public SimulatorConfig withRequiredKey(Secret key) {
        return new SimulatorConfig(host, port, latency, jitter, faultRate, seed, key, slowAnswer);
    }
}
