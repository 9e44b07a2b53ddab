package io.jobfleet.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The PostgreSQL server of a test run: the one named by {@code JOBFLEET_TEST_DB_URL} (with
 * {@code JOBFLEET_TEST_DB_USER} / {@code JOBFLEET_TEST_DB_PASSWORD}), or one embedded server
 * (PostgreSQL 17 binaries from Maven Central) started once per JVM.
 */
public final class TestPostgres {
    private static String url;
    private static String user;
    private static String password;

    private TestPostgres() {
    }

    public static synchronized String url() {
        init();
        return url;
    }

    public static synchronized String user() {
        init();
        return user;
    }

    public static synchronized String password() {
        init();
        return password;
    }

    private static void init() {
        if (url != null) {
            return;
        }
        String external = System.getenv("JOBFLEET_TEST_DB_URL");
        if (external != null && !external.isBlank()) {
            url = external;
            user = System.getenv().getOrDefault("JOBFLEET_TEST_DB_USER", "postgres");
            password = System.getenv().getOrDefault("JOBFLEET_TEST_DB_PASSWORD", "");
            return;
        }
        EmbeddedPostgres pg = start(null, 0);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                pg.close();
            } catch (IOException ignored) {
                // the JVM is exiting
            }
        }));
        // no user in the URL: it would override the user each test connects as
        url = "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres";
        user = "postgres";
        password = "";
    }

    /**
     * Starts an embedded server with settings fit for tests (no fsync). With a data directory and
     * a port it can be stopped and started again on the same data (outage tests).
     */
    public static EmbeddedPostgres start(Path dataDirectory, int port) {
        return start(dataDirectory, port, Map.of());
    }

    /** As {@link #start(Path, int)}, with more server settings ({@code ssl}, say). */
    public static EmbeddedPostgres start(Path dataDirectory, int port, Map<String, String> settings) {
        try {
            EmbeddedPostgres.Builder b = EmbeddedPostgres.builder()
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("shared_buffers", "128MB");
            settings.forEach(b::setServerConfig);
            if (dataDirectory != null) {
                b.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
            }
            if (port > 0) {
                b.setPort(port);
            }
            return b.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
    }
}
