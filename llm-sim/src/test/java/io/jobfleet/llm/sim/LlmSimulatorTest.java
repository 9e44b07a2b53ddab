package io.jobfleet.llm.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.cli.JobfleetCli;
import io.jobfleet.config.Secret;
import io.jobfleet.engine.Payloads;
import io.jobfleet.llm.Cancellation;
import io.jobfleet.llm.ChatMessage;
import io.jobfleet.llm.ChatRequest;
import io.jobfleet.llm.ChatResponse;
import io.jobfleet.llm.LlmClient;
import io.jobfleet.llm.LlmConfig;
import io.jobfleet.llm.LlmErrorType;
import io.jobfleet.llm.LlmException;
import io.jobfleet.llm.sim.testing.SimulatedLlm;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LlmSimulatorTest {
    private final LlmSimulator sim = new LlmSimulator(SimulatorConfig.ephemeral()).start();
    private final LlmClient client = LlmClient.create(SimulatedLlm.clientConfig(sim.baseUrl()), new SimpleMeterRegistry());
    private final OkHttpClient http = new OkHttpClient();

    @AfterEach
    void tearDown() {
        client.close();
        sim.close();
    }

    private JsonNode get(String baseUrl, String path, int expectedStatus) throws Exception {
        try (Response r = http.newCall(new Request.Builder().url(baseUrl + path).build()).execute()) {
            assertThat(r.code()).isEqualTo(expectedStatus);
            assertThat(r.header("X-Jobfleet-Simulator")).isEqualTo("true");
            return Payloads.tree(r.body().string());
        }
    }

    @Test
    void listsItsOneModel() throws Exception {
        assertThat(sim.baseUrl()).isEqualTo("http://127.0.0.1:" + sim.port() + "/v1");
        JsonNode models = get(sim.baseUrl(), "/models", 200);
        assertThat(models.path("data")).hasSize(1);
        assertThat(models.path("data").get(0).path("id").asText()).isEqualTo("jobfleet-simulator");
        assertThat(get(sim.baseUrl(), "/engines", 404).path("error").path("code").asText()).isEqualTo("unknown_url");
    }

    @Test
    void answersTextDeterministicallyAsTheSimulator() throws Exception {
        ChatRequest request = ChatRequest.of(List.of(ChatMessage.system("Be brief."),
                ChatMessage.user("Explain queues in databases. They are useful."))).withModel("gpt-4o");

        ChatResponse first = client.chat(request, Cancellation.NONE);
        ChatResponse second = client.chat(request, Cancellation.NONE);

        assertThat(first.content()).startsWith("Simulated answer: Explain queues in databases.")
                .contains("not a real model").isEqualTo(second.content());
        assertThat(first.model()).isEqualTo("jobfleet-simulator");
        int promptChars = "Be brief.".length() + "Explain queues in databases. They are useful.".length();
        assertThat(first.usage().promptTokens()).isEqualTo((promptChars + 3) / 4);
        assertThat(first.usage().completionTokens()).isEqualTo((first.content().length() + 3) / 4);
        assertThat(first.usage().totalTokens()).isEqualTo(first.usage().promptTokens() + first.usage().completionTokens());
        assertThat(first.finishReason()).isEqualTo("stop");
        assertThat(client.chat(ChatRequest.user("Something else entirely."), Cancellation.NONE).content())
                .isNotEqualTo(first.content());
    }

    @Test
    void honoursMaxTokens() throws Exception {
        ChatResponse r = client.chat(ChatRequest.user("A fairly long question about many things.").withMaxTokens(3),
                Cancellation.NONE);
        assertThat(r.truncated()).isTrue();
        assertThat(r.content()).hasSize(12);
    }

    @Test
    void requiresTheKeyWhenConfigured() throws Exception {
        try (LlmSimulator locked = new LlmSimulator(SimulatorConfig.ephemeral()
                .withRequiredKey(Secret.of("sim-secret-key"))).start()) {
            LlmConfig config = SimulatedLlm.clientConfig(locked.baseUrl());
            try (LlmClient anonymous = LlmClient.create(config, new SimpleMeterRegistry())) {
                assertThatThrownBy(() -> anonymous.chat(ChatRequest.user("hi"), Cancellation.NONE))
                        .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.type()).isEqualTo(LlmErrorType.AUTH));
            }
            try (LlmClient authorized = LlmClient.create(config.withApiKey(Secret.of("sim-secret-key")),
                    new SimpleMeterRegistry())) {
                assertThat(authorized.chat(ChatRequest.user("hi"), Cancellation.NONE).content()).startsWith("Simulated");
            }
        }
    }

    @Test
    void aTakenPortIsAUsageErrorThatSaysWhatToDo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            CommandLine cl = JobfleetCli.commandLine(List.of(), List.of(new LlmSimulatorCommand()));
            StringWriter err = new StringWriter();
            cl.setErr(new PrintWriter(err, true));
            int exit = cl.execute("llm-sim", "--port", Integer.toString(taken.getLocalPort()));

            assertThat(exit).isEqualTo(2);
            assertThat(err.toString()).contains("port " + taken.getLocalPort() + " on 127.0.0.1 is taken")
                    .contains("choose another --port").doesNotContain("database");
        }
    }

    @Test
    void commandServesUntilStopped() throws Exception {
        LlmSimulatorCommand command = new LlmSimulatorCommand();
        new CommandLine(command).parseArgs("--port", "0", "--latency-ms", "5", "--jitter-ms", "3",
                "--fault-rate", "0.25", "--seed", "9", "--require-key", "k3y-value");
        SimulatorConfig config = command.config();
        assertThat(config.port()).isZero();
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.latency()).isEqualTo(Duration.ofMillis(5));
        assertThat(config.jitter()).isEqualTo(Duration.ofMillis(3));
        assertThat(config.faultRate()).isEqualTo(0.25);
        assertThat(config.seed()).isEqualTo(9);
        assertThat(config.requiredKey().reveal()).isEqualTo("k3y-value");

        LlmSimulatorCommand plain = new LlmSimulatorCommand();
        new CommandLine(plain).parseArgs("--port", "0");
        CountDownLatch stop = new CountDownLatch(1);
        Thread serving = new Thread(() -> {
            try {
                plain.serve(stop);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "llm-sim-command-test");
        serving.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> plain.running() != null);
        String baseUrl = plain.running().baseUrl();
        assertThat(get(baseUrl, "/models", 200).path("data").get(0).path("id").asText()).isEqualTo("jobfleet-simulator");

        stop.countDown();
        serving.join(TimeUnit.SECONDS.toMillis(5));
        assertThat(serving.isAlive()).isFalse();
        assertThat(plain.running()).isNull();
    }

    @Test
    void rejectsUnusableConfiguration() {
        assertThatThrownBy(() -> new LlmSimulator(SimulatorConfig.ephemeral().withFaults(1.5, 1, Duration.ZERO)))
                .hasMessageContaining("--fault-rate must be between 0 and 1");
    }
}
