package io.jobfleet.llm.sim;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An OpenAI-compatible test server: {@code POST /v1/chat/completions} and {@code GET /v1/models}.
 * It answers as model {@code jobfleet-simulator} whatever the request names, deterministically
 * (the same request gets the same answer), with optional latency and fault injection. It is a
 * test double, never a real model.
 *
 * <pre>{@code
 * try (LlmSimulator sim = new LlmSimulator(SimulatorConfig.ephemeral()).start()) {
 *     LlmConfig config = LlmConfig.defaults(sim.baseUrl(), Secret.empty());
 * }
 * }</pre>
 */
public final class LlmSimulator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LlmSimulator.class);
    public static final String MODEL = Replies.MODEL;

    static {
        // without TCP_NODELAY the JDK server's separate header and body writes meet the client's
        // delayed ACK: about 40 ms added to every answer
        System.getProperties().putIfAbsent("sun.net.httpserver.nodelay", "true");
    }

    private final SimulatorConfig config;
    private final StructuredAnswer structured;
    private final ChatCompletionsHandler chat;
    private HttpServer server;
    private ExecutorService executor;

    /** A simulator with every {@link SimulatedAnswers} on the class path (found with ServiceLoader). */
    public LlmSimulator(SimulatorConfig config) {
        this(config, discoveredAnswers());
    }

    /** A simulator with exactly these families' answers. */
    public LlmSimulator(SimulatorConfig config, List<SimulatedAnswers> answers) {
        this.config = config.validate();
        this.structured = new StructuredAnswer(answers);
        this.chat = new ChatCompletionsHandler(config, structured);
    }

    /** Every {@link SimulatedAnswers} listed in {@code META-INF/services} on the class path. */
    public static List<SimulatedAnswers> discoveredAnswers() {
        List<SimulatedAnswers> found = new ArrayList<>();
        ServiceLoader.load(SimulatedAnswers.class).forEach(found::add);
        return found;
    }

    /** Binds and starts serving; returns this. */
    public synchronized LlmSimulator start() {
        if (server != null) {
            throw new IllegalStateException("the LLM simulator is already started");
        }
        try {
            server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("LLM simulator cannot listen on " + config.host() + ":" + config.port()
                    + " (" + e.getMessage() + "); choose another --port", e);
        }
        AtomicInteger n = new AtomicInteger();
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "llm-sim-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/v1/chat/completions", chat);
        server.createContext("/v1/models", new ModelsHandler());
        server.createContext("/", new ModelsHandler.NotFound());
        server.start();
        log.info("LLM simulator listening on {} (model {}: a test server, not a real model; latency {} ms "
                        + "+ jitter {} ms, fault rate {}, seed {}{}; answers for schemas {})", baseUrl(), MODEL,
                config.latency().toMillis(), config.jitter().toMillis(), config.faultRate(), config.seed(),
                config.requiredKey().isEmpty() ? "" : ", API key required", structured.schemaNames());
        return this;
    }

    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("the LLM simulator is not started");
        }
        return server.getAddress().getPort();
    }

    /** The base URL for {@code --llm-base-url}, e.g. {@code http://127.0.0.1:8089/v1}. */
    public String baseUrl() {
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        return "http://" + host + ":" + port() + "/v1";
    }

    /** Chat-completions requests received so far (including failed and rejected ones). */
    public long requestCount() {
        return chat.requests();
    }

    /** Stops at once; answers still sleeping (latency, slow faults) are abandoned. Idempotent. */
    @Override
    public synchronized void close() {
        if (server != null && executor != null) {
            server.stop(0);
            executor.shutdownNow();
            executor = null;
            log.info("LLM simulator on port {} stopped", server.getAddress().getPort());
        }
    }
}
