package io.jobfleet.metrics;

import io.jobfleet.db.HealthSql;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Whether this worker can do its work: it runs (not starting, not shutting down) and a database
 * round trip ({@code SELECT 1}) succeeded within the last {@link #CACHE_FOR}. The round trip runs
 * on its own thread with a deadline, so a hung database makes the probe fail fast instead of hang.
 */
public final class ReadinessCheck implements AutoCloseable {
    public static final Duration CACHE_FOR = Duration.ofSeconds(2);
    public static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final HealthSql sql;
    private final BooleanSupplier running;
    private final ExecutorService pinger = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "jobfleet-ready-check");
        t.setDaemon(true);
        return t;
    });
    private Result last;
    private long lastNanos;

    /** {@code running}: whether the worker has started and is not shutting down. */
    public ReadinessCheck(HealthSql sql, BooleanSupplier running) {
        this.sql = sql;
        this.running = running;
    }

    /** The answer for {@code /health/ready}. */
    public synchronized Result check() {
        if (!running.getAsBoolean()) {
            return Result.notReady("the worker is not running (starting up or shutting down)");
        }
        long now = System.nanoTime();
        if (last != null && now - lastNanos < CACHE_FOR.toNanos()) {
            return last;
        }
        last = ping();
        lastNanos = System.nanoTime();
        return last;
    }

    private Result ping() {
        long start = System.nanoTime();
        Future<?> f = pinger.submit(() -> sql.ping(TIMEOUT));
        try {
            f.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return new Result(true, null, Instant.now(), (System.nanoTime() - start) / 1_000_000);
        } catch (TimeoutException e) {
            f.cancel(true);
            return Result.notReady("the database did not answer SELECT 1 within " + TIMEOUT.toSeconds() + " s");
        } catch (ExecutionException e) {
            return Result.notReady("the database check failed: " + describe(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.notReady("interrupted");
        }
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        return root.getClass().getSimpleName() + (m == null ? "" : ": " + m.lines().findFirst().orElse(""));
    }

    @Override
    public void close() {
        pinger.shutdownNow();
    }

    /** Ready or not, why not, when checked, and how long the round trip took. */
    public record Result(boolean ready, String reason, Instant checkedAt, long latencyMillis) {
        static Result notReady(String reason) {
            return new Result(false, reason, Instant.now(), -1);
        }
    }
}
