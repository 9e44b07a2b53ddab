package io.jobfleet.testing;

import io.jobfleet.config.DbConfig;
import io.jobfleet.config.Pooler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;

/**
 * A real PgBouncer ({@code /usr/sbin/pgbouncer}, Debian's {@code pgbouncer} package) in front of the
 * test server, in {@code pool_mode = transaction} with a small pool, as a child process. Skips the
 * test when the binary is absent, except in CI ({@code CI=true}), where that fails it. PgBouncer
 * refuses to run as root, so under root it drops to {@code nobody}.
 */
public final class TestPgBouncer implements AutoCloseable {
    private static final List<Path> BINARIES = List.of(Path.of("/usr/sbin/pgbouncer"), Path.of("/usr/bin/pgbouncer"));

    private final Process process;
    private final Path dir;
    private final int port;
    private final String database;

    private TestPgBouncer(Process process, Path dir, int port, String database) {
        this.process = process;
        this.dir = dir;
        this.port = port;
        this.database = database;
    }

    /**
     * Starts PgBouncer in transaction mode with at most {@code poolSize} server connections to the
     * test server, and waits until it accepts connections.
     */
    public static TestPgBouncer start(int poolSize) {
        Path binary = binary();
        try {
            Path dir = Files.createTempDirectory("pgbouncer");
            URI backend = URI.create(TestPostgres.url().substring("jdbc:".length()));
            String host = "localhost".equals(backend.getHost()) ? "127.0.0.1" : backend.getHost();
            String database = backend.getPath().substring(1);
            int port = freePort();
            Path users = dir.resolve("userlist.txt");
            Files.writeString(users, "\"" + TestPostgres.user() + "\" \"" + TestPostgres.password() + "\"\n");
            Path ini = dir.resolve("pgbouncer.ini");
            Files.writeString(ini, String.join("\n",
                    "[databases]",
                    database + " = host=" + host + " port=" + backend.getPort() + " dbname=" + database,
                    "[pgbouncer]",
                    "listen_addr = 127.0.0.1",
                    "listen_port = " + port,
                    "unix_socket_dir =",
                    "auth_type = trust",
                    "auth_file = " + users,
                    "pool_mode = transaction",
                    "default_pool_size = " + poolSize,
                    "min_pool_size = 0",
                    "reserve_pool_size = 0",
                    "max_client_conn = 500",
                    "server_reset_query =",
                    // pgjdbc sends extra_float_digits at start; the others a client may send
                    "ignore_startup_parameters = extra_float_digits,options,search_path",
                    "") + "\n");
            for (Path p : List.of(users, ini)) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
            }
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
            List<String> cmd = new ArrayList<>(List.of(binary.toString()));
            if ("root".equals(System.getProperty("user.name"))) {
                cmd.addAll(List.of("-u", "nobody"));
            }
            cmd.add(ini.toString());
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("pgbouncer.log").toFile()).start();
            TestPgBouncer bouncer = new TestPgBouncer(p, dir, port, database);
            try {
                Awaitility.await("pgbouncer accepting on port " + port).atMost(Duration.ofSeconds(20))
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> {
                            if (!p.isAlive()) {
                                throw new IllegalStateException("pgbouncer exited: " + bouncer.log());
                            }
                            return accepts(port);
                        });
            } catch (RuntimeException e) {
                bouncer.close();
                throw e;
            }
            return bouncer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The pgbouncer binary; skips the test without one, fails it in CI. */
    private static Path binary() {
        for (Path p : BINARIES) {
            if (Files.isExecutable(p)) {
                return p;
            }
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
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
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
        try {
            return Files.readString(dir.resolve("pgbouncer.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
