package io.jobfleet.config;

import java.util.regex.Pattern;

/** Where the database is and how to reach it. */
public record DbConfig(String url, String user, Secret password, String schema, String appSchema,
                       int poolSize) {
    public static final String DEFAULT_URL = "jdbc:postgresql://localhost:5432/postgres";
    public static final String DEFAULT_SCHEMA = "jobfleet";
    public static final String DEFAULT_APP_SCHEMA = "public";
    public static final int DEFAULT_POOL_SIZE = 10;

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    public DbConfig {
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            throw new ConfigException("--db-url / JOBFLEET_DB_URL must be a PostgreSQL JDBC URL "
                    + "(jdbc:postgresql://host:5432/dbname), got: " + redactUrl(url));
        }
        requireIdentifier(schema, "--schema / JOBFLEET_SCHEMA");
        requireIdentifier(appSchema, "--app-schema / JOBFLEET_APP_SCHEMA");
        if (poolSize < 2) {
            throw new ConfigException("--db-pool-size must be at least 2 (got " + poolSize + ")");
        }
        password = password == null ? Secret.empty() : password;
    }

    public DbConfig withPoolSize(int size) {
        return new DbConfig(url, user, password, schema, appSchema, size);
    }

    public DbConfig withSchema(String newSchema, String newAppSchema) {
        return new DbConfig(url, user, password, newSchema, newAppSchema, poolSize);
    }

    static void requireIdentifier(String name, String option) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new ConfigException(option + " must be a lower-case SQL identifier "
                    + "([a-z_][a-z0-9_]*), got: " + name);
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
                + ", appSchema=" + appSchema + ", poolSize=" + poolSize + "]";
    }
}
