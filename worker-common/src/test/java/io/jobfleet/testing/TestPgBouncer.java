package io.jobfleet.testing;

import io.jobfleet.config.DbConfig;
import io.jobfleet.config.Pooler;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * A real PgBouncer in front of the test server ({@link PgBouncerProcess}), in
 * {@code pool_mode = transaction} with a small pool. Skips the test when the binary is absent,
 * except in CI ({@code CI=true}), where that fails it.
 */
public final class TestPgBouncer implements AutoCloseable {
    private final PgBouncerProcess process;

    private TestPgBouncer(PgBouncerProcess process) {
        this.process = process;
    }

    /**
     * Starts PgBouncer in transaction mode with at most {@code poolSize} server connections to the
     * test server, and waits until it accepts connections.
     */
    public static TestPgBouncer start(int poolSize) {
        return new TestPgBouncer(PgBouncerProcess.start(binary(), TestPostgres.url(), TestPostgres.user(),
                TestPostgres.password(), poolSize));
    }

    /** The pgbouncer binary; skips the test without one, fails it in CI. */
    private static Path binary() {
        var found = PgBouncerProcess.binary();
        if (found.isPresent()) {
            return found.get();
        }
        String message = "pgbouncer is not installed (apt-get install pgbouncer); the transaction-mode pooler tests "
                + "need it";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(message + " and CI=true: .ci/run installs it");
        }
        Assumptions.abort(message);
        throw new AssertionError("unreachable");
    }

    /** The JDBC URL of the pooler. */
    public String url() {
        return process.url();
    }

    /**
     * The test server's configuration pointed at the pooler, with {@code pooler} (the worker's
     * {@code --db-pooler} and {@code --listen-url}).
     */
    public DbConfig config(DbConfig direct, int poolSize, Pooler pooler) {
        return new DbConfig(url(), direct.user(), direct.password(), direct.schema(), direct.appSchema(), poolSize,
                pooler);
    }

    /** What pgbouncer logged so far. */
    public String log() {
        return process.log();
    }

    @Override
    public void close() {
        process.close();
    }
}
