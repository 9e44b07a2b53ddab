package io.jobfleet.cli;

import io.jobfleet.engine.Worker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT: the first starts a graceful shutdown (stop claiming, finish within the
 * grace, hand back the rest); the second cuts the grace and hands back at once.
 */
final class ShutdownSignals {
    private static final Logger log = LoggerFactory.getLogger(ShutdownSignals.class);

    private ShutdownSignals() {
    }

    static void install(Worker worker, Duration grace) {
        AtomicInteger received = new AtomicInteger();
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), sig -> {
                int n = received.incrementAndGet();
                if (n == 1) {
                    log.info("SIG{} received: stopping claims, letting running jobs finish within {} s "
                            + "(send it again to hand them back at once)", sig.getName(), grace.toSeconds());
                    Thread t = new Thread(() -> worker.shutdown(grace), "jobfleet-shutdown");
                    t.start();
                } else {
                    log.info("SIG{} received again: handing running jobs back now", sig.getName());
                    worker.cutGrace();
                }
            });
        }
    }
}
