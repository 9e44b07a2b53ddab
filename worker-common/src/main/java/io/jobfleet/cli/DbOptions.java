package io.jobfleet.cli;

import io.jobfleet.config.DbConfig;
import io.jobfleet.config.Pooler;
import io.jobfleet.config.Secret;
import io.jobfleet.db.Database;
import io.jobfleet.db.Migrations;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Database flags shared by every command; each has a {@code JOBFLEET_*} environment variable. */
public final class DbOptions {
    @Option(names = "--db-url", paramLabel = "JDBC_URL",
            defaultValue = "${env:JOBFLEET_DB_URL:-" + DbConfig.URL_DEFAULT + "}",
            description = "PostgreSQL JDBC URL (env JOBFLEET_DB_URL, default ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--db-user", paramLabel = "USER", defaultValue = "${env:JOBFLEET_DB_USER}",
            description = "Database user (env JOBFLEET_DB_USER).")
    String user;

    @Option(names = "--db-password", paramLabel = "PASSWORD", defaultValue = "${env:JOBFLEET_DB_PASSWORD}",
            description = "Discouraged: the password itself, visible to every user of the host in ps (env "
                    + "JOBFLEET_DB_PASSWORD, in the process environment); use --db-password-file.")
    String password;

    @Option(names = "--db-password-file", paramLabel = "FILE", defaultValue = "${env:JOBFLEET_DB_PASSWORD_FILE}",
            description = "File holding the database password; wins over --db-password (env JOBFLEET_DB_PASSWORD_FILE).")
    Path passwordFile;

    @Option(names = "--schema", paramLabel = "NAME", defaultValue = "${env:JOBFLEET_SCHEMA:-" + DbConfig.SCHEMA_DEFAULT + "}",
            description = "Schema of the jobfleet tables (env JOBFLEET_SCHEMA, default ${DEFAULT-VALUE}).")
    String schema;

    @Option(names = "--app-schema", paramLabel = "NAME", defaultValue = "${env:JOBFLEET_APP_SCHEMA:-" + DbConfig.APP_SCHEMA_DEFAULT + "}",
            description = "Schema of the app's own tables that handlers write (env JOBFLEET_APP_SCHEMA, default ${DEFAULT-VALUE}).")
    String appSchema;

    @Option(names = "--db-pool-size", paramLabel = "N",
            defaultValue = "${env:JOBFLEET_DB_POOL_SIZE:-" + DbConfig.POOL_SIZE_AUTO + "}",
            description = "Connection pool size; 0 takes the command's own size: a worker's --concurrency + "
                    + DbConfig.POOL_SIZE_ABOVE_CONCURRENCY + ", the console's 8, 2 for the other commands "
                    + "(env JOBFLEET_DB_POOL_SIZE, default ${DEFAULT-VALUE}).")
    int poolSize;

    @Option(names = "--db-pooler", paramLabel = "MODE", defaultValue = "${env:JOBFLEET_DB_POOLER:-none}",
            description = "What --db-url reaches: none (PostgreSQL, or a pooler in session mode) or transaction "
                    + "(PgBouncer pool_mode=transaction, Supavisor port 6543): no server-side prepared statements "
                    + "(as prepareThreshold=0 in the URL) and LISTEN only with --listen-url, else poll only "
                    + "(env JOBFLEET_DB_POOLER, default ${DEFAULT-VALUE}).")
    String pooler;

    @Option(names = "--listen-url", paramLabel = "JDBC_URL", defaultValue = "${env:JOBFLEET_LISTEN_URL}",
            description = "Direct connection (not through a transaction-mode pooler) for LISTEN/NOTIFY wake-ups, "
                    + "same user and password; default: --db-url (env JOBFLEET_LISTEN_URL).")
    String listenUrl;

    /** The configuration, with {@code defaultPoolSize} used when no size was given. */
    public DbConfig toConfig(int defaultPoolSize) {
        Secret secret = Secret.fromValueOrFile(password, passwordFile, "the database password");
        int size = poolSize != DbConfig.POOL_SIZE_AUTO ? poolSize : defaultPoolSize;
        return new DbConfig(url, user, secret, schema, appSchema, size,
                new Pooler(Pooler.Mode.parse(pooler), listenUrl));
    }

    /** Opens a small pool, refusing a schema older than this build (the message says to run migrate). */
    public Database openCurrent(String name) {
        return openCurrent(name, 2);
    }

    /** As {@link #openCurrent(String)}, with {@code defaultPoolSize} connections unless --db-pool-size says. */
    public Database openCurrent(String name, int defaultPoolSize) {
        Database database = Database.open(toConfig(defaultPoolSize), name);
        try {
            new Migrations(database.dataSource(), database.schema()).requireCurrent();
            return database;
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** Who runs an operator command, as stored with pauses and caps: the OS user and host. */
    static String operator() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "localhost";
        }
        return System.getProperty("user.name", "unknown") + "@" + host;
    }
}
