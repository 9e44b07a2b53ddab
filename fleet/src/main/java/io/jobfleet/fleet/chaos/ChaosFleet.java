package io.jobfleet.fleet.chaos;

import io.jobfleet.fleet.local.WorkerHandle;
import io.jobfleet.fleet.local.WorkerLauncher;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/** The worker processes of a chaos run: several per family, replaced when one dies. */
final class ChaosFleet implements AutoCloseable {
    private final WorkerLauncher launcher;
    private final Function<String, List<String>> flags;
    private final List<WorkerHandle> live = new ArrayList<>();
    private final List<WorkerHandle> all = new ArrayList<>();
    private int started;

    ChaosFleet(WorkerLauncher launcher, Function<String, List<String>> flags) {
        this.launcher = launcher;
        this.flags = flags;
    }

    synchronized WorkerHandle start(String family) {
        WorkerHandle w = launcher.start(family, "worker-" + family + "-" + (++started), flags.apply(family));
        live.add(w);
        all.add(w);
        return w;
    }

    /** A random live worker, or null. */
    synchronized WorkerHandle pick(Random random) {
        live.removeIf(w -> !w.isAlive());
        return live.isEmpty() ? null : live.get(random.nextInt(live.size()));
    }

    synchronized void forget(WorkerHandle w) {
        live.remove(w);
    }

    synchronized List<WorkerHandle> live() {
        live.removeIf(w -> !w.isAlive());
        return List.copyOf(live);
    }

    synchronized int startedCount() {
        return started;
    }

    /** Stops every process this run started: gracefully, then by force. */
    @Override
    public void close() {
        List<WorkerHandle> toStop;
        synchronized (this) {
            toStop = List.copyOf(all);
        }
        toStop.parallelStream().forEach(w -> {
            w.signal("CONT");
            w.close();
        });
    }
}
