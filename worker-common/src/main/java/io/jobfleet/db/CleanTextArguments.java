package io.jobfleet.db;

import io.jobfleet.support.StoredText;
import java.sql.Types;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;

/**
 * Binds every {@code String} parameter of this process's Jdbi (the engine's statements and every
 * family's writes to the app's tables) without the characters PostgreSQL refuses in text: one
 * NUL from a PDF or an LLM answer would otherwise fail the whole statement, on every retry
 * ({@link StoredText#clean}).
 */
final class CleanTextArguments extends AbstractArgumentFactory<String> {
    CleanTextArguments() {
        super(Types.VARCHAR);
    }

    @Override
    protected Argument build(String value, ConfigRegistry config) {
        String clean = StoredText.clean(value);
        return (position, statement, ctx) -> statement.setString(position, clean);
    }
}
