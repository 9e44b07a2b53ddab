package io.jobfleet.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.jobfleet.config.DbConfig;
import io.jobfleet.config.Secret;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * The PostgreSQL server every workload runs against: the one named by {@code --db-url}, or an
 * embedded PostgreSQL 17 started with {@link #EMBEDDED_SETTINGS}. Holds a small admin pool.
 */
final class BenchServer implements AutoCloseable {
    /**
     * Settings of the embedded server: durable commits as in production (fsync, synchronous
     * commit and full page writes on), and pg_stat_statements loaded to count an idle worker's
     * statements. Everything else is PostgreSQL's default.
     */
    static final Map<String, String> EMBEDDED_SETTINGS = Map.of(
            "fsync", "on",
            "synchronous_commit", "on",
            "full_page_writes", "on",
            "shared_buffers", "256MB",
            "max_connections", "300",
            "shared_preload_libraries", "pg_stat_statements",
            "timezone", "UTC");

    /** Settings shown in the report, read back from the server. */
    private static final List<String> REPORTED = List.of("server_version", "fsync", "synchronous_commit",
            "full_page_writes", "wal_level", "shared_buffers", "max_connections", "checkpoint_timeout",
            "max_wal_size", "autovacuum", "shared_preload_libraries", "jit");

    private final EmbeddedPostgres embedded;
    private final String url;
    private final String user;
    private final String password;
    private final HikariDataSource admin;

    private BenchServer(EmbeddedPostgres embedded, String url, String user, String password) {
        this.embedded = embedded;
        this.url = url;
        this.user = user;
        this.password = password == null ? "" : password;
        this.admin = pool("jobfleet-bench-admin", 4, null);
    }

    static BenchServer external(String url, String user, String password) {
        return new BenchServer(null, url, user, password);
    }

    /** {@link #EMBEDDED_SETTINGS} with {@code overrides} applied, sorted by name. */
    static Map<String, String> settings(Map<String, String> overrides) {
        Map<String, String> all = new TreeMap<>(EMBEDDED_SETTINGS);
        all.putAll(overrides);
        return all;
    }

    static BenchServer embedded(Map<String, String> overrides) {
        try {
            EmbeddedPostgres.Builder b = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60));
            settings(overrides).forEach(b::setServerConfig);
            EmbeddedPostgres pg = b.start();
            // no user in the URL: a user given apart (the idle workload's own role) must win
            return new BenchServer(pg, "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres", "postgres", "");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
        }
    }

    boolean isEmbedded() {
        return embedded != null;
    }

    String url() {
        return url;
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    DataSource admin() {
        return admin;
    }

    /** The jobfleet configuration for {@code schema}, with a pool of {@code poolSize}. */
    DbConfig dbConfig(String schema, int poolSize) {
        return new DbConfig(url, user, Secret.of(password), schema, DbConfig.APP_SCHEMA_DEFAULT, poolSize);
    }

    /** A pool for a peer or the bench itself; {@code schema} becomes the search path when given. */
    HikariDataSource pool(String name, int size, String schema) {
        HikariConfig hc = new HikariConfig();
        hc.setPoolName(name);
        hc.setJdbcUrl(url);
        if (user != null && !user.isEmpty()) {
            hc.setUsername(user);
        }
        if (password != null && !password.isEmpty()) {
            hc.setPassword(password);
        }
        hc.setMaximumPoolSize(size);
        hc.setMinimumIdle(Math.min(2, size));
        if (schema != null) {
            hc.setSchema(schema);
        }
        hc.addDataSourceProperty("ApplicationName", name);
        hc.addDataSourceProperty("reWriteBatchedInserts", "true");
        return new HikariDataSource(hc);
    }

    /** Host and port for command-line clients (pgbench). */
    URI hostAndPort() {
        return URI.create(url.substring("jdbc:".length()));
    }

    /** Server version and the settings that shape the figures. */
    Map<String, String> settings() {
        Map<String, String> out = new LinkedHashMap<>();
        try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
            for (String name : REPORTED) {
                try (ResultSet rs = s.executeQuery("SELECT current_setting('" + name + "', true)")) {
                    rs.next();
                    out.put(name, rs.getString(1));
                }
            }
            // whether the server can compile with LLVM at all (the embedded binaries cannot)
            try (ResultSet rs = s.executeQuery("SELECT pg_catalog.pg_jit_available()")) {
                rs.next();
                out.put("jit available", rs.getString(1));
            }
        } catch (SQLException e) {
            out.put("error", e.getMessage());
        }
        return out;
    }

    private volatile boolean mayCheckpoint = true;

    void execute(String sql) {
        try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /**
     * Before a timed run: a CHECKPOINT (so none falls inside the run: a checkpoint makes the
     * next change of every page write a full page image into the WAL, which slows the whole
     * server for a while) and a collection of this JVM's heap. A server where the bench may not
     * checkpoint (not a superuser, not pg_checkpoint) only gets the collection.
     */
    void settle() {
        if (mayCheckpoint) {
            try {
                execute("CHECKPOINT");
            } catch (IllegalStateException e) {
                mayCheckpoint = false;
            }
        }
        System.gc();
    }

    long queryLong(String sql) {
        try (Connection c = admin.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        admin.close();
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException ignored) {
                // the data directory is temporary; nothing else to do
            }
        }
    }
}
