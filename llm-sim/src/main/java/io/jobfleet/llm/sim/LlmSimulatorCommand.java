package io.jobfleet.llm.sim;

import io.jobfleet.cli.CommandFailure;
import io.jobfleet.config.Secret;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;

/** {@code llm-sim}: runs the simulator until SIGTERM or SIGINT. */
@Command(name = "llm-sim", mixinStandardHelpOptions = true,
        description = "Run the LLM simulator (an OpenAI-compatible test server; not a real model)")
public class LlmSimulatorCommand implements Callable<Integer> {
    @Option(names = "--port", paramLabel = "PORT", defaultValue = "${env:JOBFLEET_SIM_PORT:-8089}",
            description = "Port to listen on, 0 = any free port (env JOBFLEET_SIM_PORT; default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "${env:JOBFLEET_SIM_HOST:-127.0.0.1}",
            description = "Interface to bind (env JOBFLEET_SIM_HOST; default ${DEFAULT-VALUE}, this host only).")
    String host;

    @Option(names = "--latency-ms", paramLabel = "MS", defaultValue = "${env:JOBFLEET_SIM_LATENCY_MS:-0}",
            description = "Delay added to every answer (env JOBFLEET_SIM_LATENCY_MS; default ${DEFAULT-VALUE}).")
    long latencyMs;

    @Option(names = "--jitter-ms", paramLabel = "MS", defaultValue = "${env:JOBFLEET_SIM_JITTER_MS:-0}",
            description = "Random extra delay 0..MS per answer (env JOBFLEET_SIM_JITTER_MS; default ${DEFAULT-VALUE}).")
    long jitterMs;

    @Option(names = "--fault-rate", paramLabel = "RATE", defaultValue = "${env:JOBFLEET_SIM_FAULT_RATE:-0}",
            description = "Share 0..1 of requests that fail at random: 429, 500, 503, slow answer or invalid JSON "
                    + "(env JOBFLEET_SIM_FAULT_RATE; default ${DEFAULT-VALUE}).")
    double faultRate;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "${env:JOBFLEET_SIM_SEED:-42}",
            description = "Seed of the random faults and jitter (env JOBFLEET_SIM_SEED; default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--slow-ms", paramLabel = "MS", defaultValue = "${env:JOBFLEET_SIM_SLOW_MS:-65000}",
            description = "How long a 'slow answer' fault takes (env JOBFLEET_SIM_SLOW_MS; default ${DEFAULT-VALUE}).")
    long slowMs;

    @Option(names = "--require-key", paramLabel = "KEY", defaultValue = "${env:JOBFLEET_SIM_REQUIRE_KEY}",
            showDefaultValue = Visibility.NEVER,
            description = "Answer 401 unless requests carry 'Authorization: Bearer KEY' (env JOBFLEET_SIM_REQUIRE_KEY; "
                    + "default: no key needed).")
    String requireKey;

    private volatile LlmSimulator running;

    public LlmSimulatorCommand() {
        // for picocli
    }

    SimulatorConfig config() {
        return new SimulatorConfig(host, port, Duration.ofMillis(latencyMs), Duration.ofMillis(jitterMs), faultRate,
                seed, Secret.of(requireKey), Duration.ofMillis(slowMs)).validate();
    }

    @Override
    public Integer call() throws InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.countDown();
            try {
                stopped.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "llm-sim-shutdown"));
        try {
            return serve(stop);
        } finally {
            stopped.countDown();
        }
    }

    /** Serves until {@code stop} opens. */
    int serve(CountDownLatch stop) throws InterruptedException {
        try (LlmSimulator simulator = CommandFailure.unlessPortTaken(host, port,
                () -> new LlmSimulator(config()).start())) {
            running = simulator;
            stop.await();
        } finally {
            running = null;
        }
        return 0;
    }

    /** The simulator while {@link #serve} runs, else null. */
    LlmSimulator running() {
        return running;
    }
}
