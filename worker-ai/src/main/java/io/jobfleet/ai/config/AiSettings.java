package io.jobfleet.ai.config;

import io.jobfleet.config.ConfigException;
import java.util.OptionalLong;

/**
 * The ai family's own settings.
 *
 * @param defaultMonthlyTokens the monthly token limit of users without a row in
 *        {@code ai_token_budgets}; 0 means unlimited
 */
public record AiSettings(long defaultMonthlyTokens) {
    public static final long DEFAULT_MONTHLY_TOKENS_DEFAULT = 0;
    public static final String DEFAULT_MONTHLY_TOKENS_ENV = "JOBFLEET_AI_DEFAULT_MONTHLY_TOKENS";

    public AiSettings {
        if (defaultMonthlyTokens < 0) {
            throw ConfigException.invalid("--ai-default-monthly-tokens", "0 (unlimited) or a positive number of tokens",
                    defaultMonthlyTokens);
        }
    }

    public static AiSettings defaults() {
        return new AiSettings(DEFAULT_MONTHLY_TOKENS_DEFAULT);
    }

    /** The limit for users without a budget row, as {@code ai_remaining_tokens} takes it: empty = unlimited. */
    public OptionalLong defaultLimit() {
        return defaultMonthlyTokens == 0 ? OptionalLong.empty() : OptionalLong.of(defaultMonthlyTokens);
    }
}
