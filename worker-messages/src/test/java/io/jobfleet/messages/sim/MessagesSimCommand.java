package io.jobfleet.messages.sim;

import io.jobfleet.cli.CommandFailure;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code messages-sim}: runs the message provider simulator until SIGTERM or SIGINT. */
@Command(name = "messages-sim", mixinStandardHelpOptions = true,
        description = {"Run the message provider simulator (a test server, not a real provider): the generic JSON API "
                + "(POST /v1/messages) and Twilio's Messages API (POST /2010-04-01/Accounts/SID/Messages.json), with "
                + "injected faults; GET /v1/deliveries shows every delivery, the count per idempotency key, the sends "
                + "cut off after accepting and replies carrying another conversation's marker word."})
public final class MessagesSimCommand implements Callable<Integer> {
    @Option(names = "--port", paramLabel = "PORT",
            defaultValue = "${env:JOBFLEET_MESSAGES_SIM_PORT:-" + ProviderSimConfig.PORT_DEFAULT + "}",
            description = "Port to listen on, 0 = any free port (env JOBFLEET_MESSAGES_SIM_PORT; default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "${env:JOBFLEET_MESSAGES_SIM_HOST:-127.0.0.1}",
            description = "Interface to bind (env JOBFLEET_MESSAGES_SIM_HOST; default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--fault-rate", paramLabel = "RATE", defaultValue = "${env:JOBFLEET_MESSAGES_SIM_FAULT_RATE:-0}",
            description = "Share 0..1 of new sends that meet a fault: 503 before accepting, 429 with Retry-After, a hang "
                    + "after accepting, a reset after accepting (env JOBFLEET_MESSAGES_SIM_FAULT_RATE; default ${DEFAULT-VALUE}).")
    double faultRate;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "${env:JOBFLEET_MESSAGES_SIM_SEED:-42}",
            description = "Seed of the faults (env JOBFLEET_MESSAGES_SIM_SEED; default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--deduplicates", negatable = true, fallbackValue = "true",
            defaultValue = "${env:JOBFLEET_MESSAGES_SIM_DEDUPLICATES:-true}",
            description = "A repeated idempotency key gets the first answer again instead of a second delivery; "
                    + "--no-deduplicates delivers every request (env JOBFLEET_MESSAGES_SIM_DEDUPLICATES; default ${DEFAULT-VALUE}).")
    boolean deduplicates = true;

    @Option(names = "--hang-ms", paramLabel = "MS", defaultValue = "${env:JOBFLEET_MESSAGES_SIM_HANG_MS:-15000}",
            description = "How long a hang-after-accepting fault keeps the client waiting (env JOBFLEET_MESSAGES_SIM_HANG_MS; "
                    + "default ${DEFAULT-VALUE}, past the workers' default --messages-send-timeout).")
    long hangMs;

    @Option(names = "--retry-after-ms", paramLabel = "MS", defaultValue = "${env:JOBFLEET_MESSAGES_SIM_RETRY_AFTER_MS:-1000}",
            description = "Retry-After of a 429, rounded up to seconds (env JOBFLEET_MESSAGES_SIM_RETRY_AFTER_MS; default ${DEFAULT-VALUE}).")
    long retryAfterMs;

    ProviderSimConfig config() {
        return new ProviderSimConfig(host, port, faultRate, seed, deduplicates, Duration.ofMillis(hangMs),
                Duration.ofMillis(retryAfterMs));
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
        }, "messages-sim-shutdown"));
        try (ProviderSimulator sim = CommandFailure.unlessPortTaken(host, port,
                () -> new ProviderSimulator(config()).start())) {
            stop.await();
        } finally {
            stopped.countDown();
        }
        return 0;
    }

}
