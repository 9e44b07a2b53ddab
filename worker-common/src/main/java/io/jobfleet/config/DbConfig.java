package io.jobfleet.config;

import java.util.regex.Pattern;

/**
 * Where the database is and how to reach it; validated when built, with messages that say what to change.
 *
 * @param pooler what sits between the pool and PostgreSQL ({@link Pooler#NONE} for a direct connection)
 */
public record DbConfig(String url, String user, Secret password, String schema, String appSchema,
                       int poolSize, Pooler pooler) {
    public static final String URL_DEFAULT = "jdbc:postgresql://localhost:5432/postgres";
    public static final String SCHEMA_DEFAULT = "jobfleet";
    public static final String APP_SCHEMA_DEFAULT = "public";
    /** {@code --db-pool-size} 0 (the default) sizes the pool as the concurrency plus this. */
    public static final int POOL_SIZE_AUTO = 0;
    public static final int POOL_SIZE_ABOVE_CONCURRENCY = 6;
    public static final int POOL_SIZE_MIN = 2;

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    public DbConfig {
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            throw ConfigException.invalid("--db-url", "a PostgreSQL JDBC URL such as jdbc:postgresql://host:5432/dbname",
                    redactUrl(url));
        }
        requireIdentifier(schema, "--schema");
        requireIdentifier(appSchema, "--app-schema");
        if (poolSize < POOL_SIZE_MIN) {
            throw ConfigException.invalid("--db-pool-size", "at least " + POOL_SIZE_MIN, poolSize);
        }
        password = password == null ? Secret.empty() : password;
        pooler = pooler == null ? Pooler.NONE : pooler;
    }

    /** A direct connection (no pooler in transaction mode). */
    public DbConfig(String url, String user, Secret password, String schema, String appSchema, int poolSize) {
        this(url, user, password, schema, appSchema, poolSize, Pooler.NONE);
    }

    public DbConfig withPoolSize(int size) {
        return new DbConfig(url, user, password, schema, appSchema, size, pooler);
    }

    public DbConfig withSchema(String newSchema, String newAppSchema) {
        return new DbConfig(url, user, password, newSchema, newAppSchema, poolSize, pooler);
    }

    public DbConfig withPooler(Pooler newPooler) {
        return new DbConfig(url, user, password, schema, appSchema, poolSize, newPooler);
    }

    static void requireIdentifier(String name, String option) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw ConfigException.invalid(option, "a lower-case SQL identifier ([a-z_][a-z0-9_]*)", name);
        }
    }

    /** The URL with any password parameter masked, fit for logs. */
    public static String redactUrl(String url) {
        if (url == null) {
            return null;
        }
        return url.replaceAll("(?i)(password=)[^&]*", "$1******")
                .replaceAll("(//[^/:@]+:)[^@/]*@", "$1******@");
    }

    @Override
    public String toString() {
        return "DbConfig[url=" + redactUrl(url) + ", user=" + user + ", schema=" + schema
                + ", appSchema=" + appSchema + ", poolSize=" + poolSize + ", pooler=" + pooler + "]";
    }
}
