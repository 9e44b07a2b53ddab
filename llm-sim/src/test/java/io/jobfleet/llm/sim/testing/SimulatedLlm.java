package io.jobfleet.llm.sim.testing;

import io.jobfleet.config.Secret;
import io.jobfleet.llm.LlmClient;
import io.jobfleet.llm.LlmConfig;
import io.jobfleet.llm.sim.LlmSimulator;
import io.jobfleet.llm.sim.SimulatorConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The LLM simulator on loopback (with every family's answers on the test class path) and a client
 * for it. Per test class: {@code @RegisterExtension static final SimulatedLlm LLM = new SimulatedLlm();};
 * within one test: {@code try (SimulatedLlm llm = new SimulatedLlm(...).start()) {...}}.
 */
public final class SimulatedLlm implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
    /** A circuit breaker that does not trip during a test. */
    public static final LlmConfig.Breaker WIDE_BREAKER = new LlmConfig.Breaker(50, 100, 100, Duration.ofSeconds(30), 3);

    private final SimulatorConfig simulatorConfig;
    private final UnaryOperator<LlmConfig> clientConfig;
    private LlmSimulator simulator;
    private LlmClient client;

    /** The simulator without faults or latency, and a {@link #clientConfig test client}. */
    public SimulatedLlm() {
        this(SimulatorConfig.ephemeral(), c -> c);
    }

    /** {@code clientConfig} adjusts the {@link #clientConfig test client}'s configuration. */
    public SimulatedLlm(SimulatorConfig simulatorConfig, UnaryOperator<LlmConfig> clientConfig) {
        this.simulatorConfig = simulatorConfig;
        this.clientConfig = clientConfig;
    }

    /** The simulator and a client with the production defaults (in-call retries, long timeouts). */
    public static SimulatedLlm withDefaultClient() {
        return new SimulatedLlm(SimulatorConfig.ephemeral(), c -> LlmConfig.defaults(c.baseUrl(), Secret.empty()));
    }

    /**
     * A client for tests: short timeouts, no in-call retries (every fault reaches the engine as a
     * failed attempt), a breaker that does not trip.
     */
    public static LlmConfig clientConfig(String baseUrl) {
        return LlmConfig.defaults(baseUrl, Secret.empty())
                .withRetries(0, Duration.ofMillis(10))
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10))
                .withBreaker(WIDE_BREAKER);
    }

    /** Starts the simulator and the client; returns this. */
    public synchronized SimulatedLlm start() {
        simulator = new LlmSimulator(simulatorConfig).start();
        client = LlmClient.create(clientConfig.apply(clientConfig(simulator.baseUrl())), new SimpleMeterRegistry());
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    public LlmClient client() {
        return client;
    }

    public LlmSimulator simulator() {
        return simulator;
    }

    public String baseUrl() {
        return simulator.baseUrl();
    }

    /** Chat-completions requests the simulator received so far. */
    public long requests() {
        return simulator.requestCount();
    }

    /** Closes the client, then the simulator. Idempotent. */
    @Override
    public synchronized void close() {
        try {
            if (client != null) {
                client.close();
            }
        } finally {
            client = null;
            if (simulator != null) {
                simulator.close();
            }
        }
    }
}
