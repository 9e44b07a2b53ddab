package io.jobfleet.testing;

import io.jobfleet.config.DbConfig;
import io.jobfleet.config.Secret;
import io.jobfleet.db.Database;
import io.jobfleet.db.Migrations;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh, migrated jobfleet schema (and app schema) per test class on the shared test server.
 * Use as {@code @RegisterExtension static final TestDatabase DB = new TestDatabase();}.
 */
public final class TestDatabase implements BeforeAllCallback, AfterAllCallback {
    private static final AtomicInteger SEQ = new AtomicInteger();

    private DbConfig config;
    private Database db;

    @Override
    public void beforeAll(ExtensionContext context) {
        String base = "t" + ProcessHandle.current().pid() + "_" + SEQ.incrementAndGet();
        config = new DbConfig(TestPostgres.url(), TestPostgres.user(), Secret.of(TestPostgres.password()),
                base + "_jobs", base + "_app", 40);
        db = Database.open(config, "test-" + context.getRequiredTestClass().getSimpleName());
        db.jdbi().useHandle(h -> h.execute("CREATE SCHEMA IF NOT EXISTS \"" + config.appSchema() + "\""));
        new Migrations(db.dataSource(), config.schema()).migrate();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (db != null) {
            try {
                db.jdbi().useHandle(h -> h.execute("DROP SCHEMA IF EXISTS \"" + config.schema() + "\" CASCADE; "
                        + "DROP SCHEMA IF EXISTS \"" + config.appSchema() + "\" CASCADE"));
            } finally {
                db.close();
            }
        }
    }

    public Database db() {
        return db;
    }

    public DbConfig config() {
        return config;
    }

    /** A second pool on the same schemas, as another worker process would have. */
    public Database openAnother(String name, int poolSize) {
        return Database.open(config.withPoolSize(poolSize), name);
    }

    /** Runs {@code sql} (one or more statements, autocommitted) on the test's pool. */
    public void execute(String sql) {
        db.jdbi().useHandle(h -> h.execute(sql));
    }

    /** Empties the jobs table between tests of one class. */
    public void truncateJobs() {
        db.jdbi().useHandle(h -> h.execute("TRUNCATE " + table("jobs") + ", " + table("checkpoints") + " RESTART IDENTITY"));
    }

    /** {@code table} in the test's app schema, quoted: the workers set no search_path. */
    public String app(String table) {
        return "\"" + config.appSchema() + "\"." + table;
    }

    /** The schema-qualified name of the jobs table, for test SQL. */
    public String jobs() {
        return table("jobs");
    }

    /** The schema-qualified name of one of jobfleet's tables, for test SQL. */
    public String table(String name) {
        return "\"" + config.schema() + "\"." + name;
    }
}
