package io.jobfleet.collections;

import io.jobfleet.config.Secret;
import io.jobfleet.llm.LlmClient;
import io.jobfleet.llm.LlmConfig;
import io.jobfleet.llm.sim.LlmSimulator;
import io.jobfleet.llm.sim.SimulatorConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The LLM simulator on loopback and a client for it, per test class:
 * {@code @RegisterExtension static final SimulatedLlm LLM = new SimulatedLlm();}.
 */
public final class SimulatedLlm implements BeforeAllCallback, AfterAllCallback {
    private LlmSimulator simulator;
    private LlmClient client;

    @Override
    public void beforeAll(ExtensionContext context) {
        simulator = new LlmSimulator(SimulatorConfig.ephemeral()).start();
        client = LlmClient.create(LlmConfig.defaults(simulator.baseUrl(), Secret.empty()), new SimpleMeterRegistry());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (client != null) {
            client.close();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    public LlmClient client() {
        return client;
    }

    public long requests() {
        return simulator.requestCount();
    }
}
