package io.jobfleet.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.jobfleet.config.DbConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.TemplateEngine;
import org.jdbi.v3.postgres.PostgresPlugin;

/** The connection pool and Jdbi of one process. Closing it closes the pool. */
public final class Database implements AutoCloseable {
    /** Run on each new connection of a pool that does not go through a transaction-mode pooler. */
    private static final String JIT_OFF = "SET jit = off";
    private final DbConfig config;
    private final HikariDataSource pool;
    private final Jdbi jdbi;
    private final QueueSql queue;
    private final AdminSql admin;
    private final RateLimitSql rates;
    private final ProgressSql progress;

    private Database(DbConfig config, HikariDataSource pool) {
        this.config = config;
        this.pool = pool;
        this.jdbi = Jdbi.create(pool).installPlugin(new PostgresPlugin());
        // Statements are plain SQL files with bound parameters: no Jdbi templating to render.
        jdbi.getConfig(SqlStatements.class).setTemplateEngine(TemplateEngine.NOP);
        // Text is bound without the characters PostgreSQL refuses (NUL) or that garble it.
        jdbi.registerArgument(new CleanTextArguments());
        this.queue = new QueueSql(jdbi, pool, config.schema());
        this.admin = new AdminSql(jdbi, config.schema());
        this.rates = new RateLimitSql(jdbi, config.schema());
        this.progress = new ProgressSql(jdbi, config.schema());
    }

    /**
     * Opens the pool of a command that uses the database at once (an operator command, the
     * console): it makes its first connection now and fails with the driver's exception when that
     * connection is refused, rather than after the pool's 5 s wait for one.
     */
    public static Database open(DbConfig config, String poolName) {
        HikariConfig hc = hikariConfig(config, poolName);
        hc.setInitializationFailTimeout(1);
        return new Database(config, new HikariDataSource(hc));
    }

    /**
     * Opens a worker's pool, whose metrics ({@code hikaricp_*}) are published to {@code meters}.
     * It does not fail when the database is down: connections are made on demand, so a worker can
     * start during an outage and resume by itself.
     */
    public static Database open(DbConfig config, String poolName, MeterRegistry meters) {
        HikariConfig hc = hikariConfig(config, poolName);
        hc.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(meters));
        return new Database(config, new HikariDataSource(hc));
    }

    private static HikariConfig hikariConfig(DbConfig config, String poolName) {
        HikariConfig hc = new HikariConfig();
        hc.setPoolName(poolName);
        hc.setJdbcUrl(config.url());
        if (config.user() != null && !config.user().isEmpty()) {
            hc.setUsername(config.user());
        }
        if (!config.password().isEmpty()) {
            hc.setPassword(config.password().reveal());
        }
        hc.setMaximumPoolSize(config.poolSize());
        hc.setMinimumIdle(Math.min(2, config.poolSize()));
        hc.setConnectionTimeout(5_000);
        hc.setValidationTimeout(2_000);
        hc.setInitializationFailTimeout(-1);
        hc.addDataSourceProperty("ApplicationName", poolName);
        hc.addDataSourceProperty("tcpKeepAlive", "true");
        hc.addDataSourceProperty("connectTimeout", "5");
        hc.addDataSourceProperty("socketTimeout", "60");
        hc.addDataSourceProperty("reWriteBatchedInserts", "true");
        if (config.pooler().transactionMode()) {
            // no named server-side prepared statements: the next transaction may run on another
            // server connection, which never saw them (PgBouncer before 1.21, Supavisor)
            hc.addDataSourceProperty("prepareThreshold", "0");
        } else {
            // A server with JIT compiles a statement whose estimate passes jit_above_cost again at
            // every execution, prepared or not: tens of milliseconds, for statements that run in
            // about one (schema version 18's comment). Through a transaction-mode pooler a session
            // setting would stay on a server connection that other clients' transactions use, and
            // be missing from the next one this client gets: there the claim's small estimate keeps
            // it uncompiled, and docs/operations.md gives the role setting.
            hc.setConnectionInitSql(JIT_OFF);
        }
        return hc;
    }

    /**
     * A connection outside the pool (for LISTEN), with the pool's credentials, to {@code --listen-url}
     * when given (a direct connection past a transaction-mode pooler), else to the pool's URL. Its
     * sockets hand each notification over as soon as it arrives ({@link NotifySocketFactory}),
     * unless the URL names a socket factory of its own.
     */
    public Connection openDedicatedConnection(String applicationName) throws SQLException {
        Properties props = new Properties();
        if (config.user() != null && !config.user().isEmpty()) {
            props.setProperty("user", config.user());
        }
        if (!config.password().isEmpty()) {
            props.setProperty("password", config.password().reveal());
        }
        props.setProperty("ApplicationName", applicationName);
        props.setProperty("tcpKeepAlive", "true");
        props.setProperty("connectTimeout", "5");
        // a property of the URL wins over these (pgjdbc reads them as the URL's defaults)
        props.setProperty("socketFactory", NotifySocketFactory.class.getName());
        String url = config.pooler().listenUrl() != null ? config.pooler().listenUrl() : config.url();
        return DriverManager.getConnection(url, props);
    }

    public DbConfig config() {
        return config;
    }

    public String schema() {
        return config.schema();
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public DataSource dataSource() {
        return pool;
    }

    public HikariDataSource pool() {
        return pool;
    }

    /** All statements of the queue. */
    public QueueSql queue() {
        return queue;
    }

    /** Named token buckets shared by every process: take before a call, settle after. */
    public RateLimitSql rates() {
        return rates;
    }

    /** The statements of the operator tools, metrics and health checks. */
    public AdminSql admin() {
        return admin;
    }

    /** The statements on the progress and checkpoints of running attempts. */
    public ProgressSql progress() {
        return progress;
    }

    /** The channel the job-events trigger notifies (status and progress changes, JSON payloads). */
    public String jobEventsChannel() {
        return config.schema() + ".job_events";
    }

    /** The channel workers LISTEN on; the insert trigger notifies it with the queue name. */
    public String notifyChannel() {
        return config.schema() + ".jobs";
    }

    @Override
    public void close() {
        pool.close();
    }
}
