package io.jobfleet.testing;

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
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real PgBouncer ({@code pgbouncer}, Debian's package) as a child process on loopback, in
 * {@code pool_mode = transaction} with a small pool, in front of one PostgreSQL server. JDK only,
 * so the chaos suite (fleet) starts it as the tests do ({@link TestPgBouncer}). PgBouncer refuses
 * to run as root, so under root it drops to {@code nobody}.
 */
public final class PgBouncerProcess implements AutoCloseable {
    private static final List<Path> BINARIES = List.of(Path.of("/usr/sbin/pgbouncer"), Path.of("/usr/bin/pgbouncer"));

    private final Process process;
    private final Path dir;
    private final int port;
    private final String database;

    private PgBouncerProcess(Process process, Path dir, int port, String database) {
        this.process = process;
        this.dir = dir;
        this.port = port;
        this.database = database;
    }

    /** The installed pgbouncer binary, if any. */
    public static Optional<Path> binary() {
        return BINARIES.stream().filter(Files::isExecutable).findFirst();
    }

    /**
     * Starts PgBouncer in transaction mode with at most {@code poolSize} server connections to the
     * server of {@code backendJdbcUrl} (as {@code user}), and waits until it accepts connections.
     */
    public static PgBouncerProcess start(Path binary, String backendJdbcUrl, String user, String password,
                                         int poolSize) {
        try {
            Path dir = Files.createTempDirectory("pgbouncer");
            URI backend = URI.create(backendJdbcUrl.substring("jdbc:".length()));
            String host = "localhost".equals(backend.getHost()) ? "127.0.0.1" : backend.getHost();
            String database = backend.getPath().substring(1);
            int port = freePort();
            Path users = dir.resolve("userlist.txt");
            Files.writeString(users, "\"" + user + "\" \"" + (password == null ? "" : password) + "\"\n");
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
            PgBouncerProcess bouncer = new PgBouncerProcess(p, dir, port, database);
            try {
                bouncer.awaitAccepting(Duration.ofSeconds(20));
            } catch (RuntimeException e) {
                bouncer.close();
                throw e;
            }
            return bouncer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitAccepting(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!accepts(port)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("pgbouncer exited: " + log());
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("pgbouncer not accepting on port " + port + " after "
                        + timeout.toSeconds() + " s: " + log());
            }
            try {
                process.waitFor(50, TimeUnit.MILLISECONDS); // returns early only if it exits
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while pgbouncer starts", e);
            }
        }
    }

    /** The JDBC URL of the pooler. */
    public String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
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
