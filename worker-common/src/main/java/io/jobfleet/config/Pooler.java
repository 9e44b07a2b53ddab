package io.jobfleet.config;

import java.util.Locale;

/**
 * What sits between the workers' pool and PostgreSQL. Behind a pooler in transaction mode
 * (PgBouncer {@code pool_mode = transaction}, Supavisor on port 6543) each transaction may run on
 * another server connection, so a worker keeps no session state: no server-side prepared
 * statements, and LISTEN only on a direct connection ({@code listenUrl}).
 *
 * @param mode      {@code --db-pooler}
 * @param listenUrl {@code --listen-url}: where the notification connection goes instead of the
 *                  pool's URL (same user and password); null for the pool's URL
 */
public record Pooler(Mode mode, String listenUrl) {
    public static final Pooler NONE = new Pooler(Mode.NONE, null);

    public enum Mode {
        /** A direct connection, or a pooler in session mode: nothing to adapt. */
        NONE,
        /** A pooler in transaction mode. */
        TRANSACTION;

        public static Mode parse(String text) {
            try {
                return valueOf(text.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw ConfigException.invalid("--db-pooler", "none or transaction", text);
            }
        }
    }

    public Pooler {
        mode = mode == null ? Mode.NONE : mode;
        listenUrl = listenUrl == null || listenUrl.isBlank() ? null : listenUrl.strip();
        if (listenUrl != null && !listenUrl.startsWith("jdbc:postgresql:")) {
            throw ConfigException.invalid("--listen-url", "a PostgreSQL JDBC URL of a direct connection such as "
                    + "jdbc:postgresql://db-host:5432/dbname", DbConfig.redactUrl(listenUrl));
        }
    }

    public boolean transactionMode() {
        return mode == Mode.TRANSACTION;
    }

    /** LISTEN works: no transaction-mode pooler, or a direct connection for it. */
    public boolean canListen() {
        return !transactionMode() || listenUrl != null;
    }

    @Override
    public String toString() {
        String name = mode.name().toLowerCase(Locale.ROOT);
        return listenUrl == null ? name : name + ", listen " + DbConfig.redactUrl(listenUrl);
    }
}
