package io.jobfleet.ai.config;

import io.jobfleet.config.ConfigException;
import picocli.CommandLine.Option;

/**
 * The ai family's flags of {@code run}, each with an environment variable. When the command line
 * has not parsed them (the flags are not wired), {@link #toSettings()} reads the environment
 * variable itself, so the family behaves the same either way.
 */
public class AiOptions {
    @Option(names = "--ai-default-monthly-tokens", paramLabel = "TOKENS",
            defaultValue = "${env:" + AiSettings.DEFAULT_MONTHLY_TOKENS_ENV + ":-" + AiSettings.DEFAULT_MONTHLY_TOKENS_DEFAULT + "}",
            description = "Monthly token limit of users without a row in ai_token_budgets; 0 = unlimited "
                    + "(env " + AiSettings.DEFAULT_MONTHLY_TOKENS_ENV + "; default ${DEFAULT-VALUE}).")
    Long defaultMonthlyTokens;

    public AiSettings toSettings() {
        long tokens = defaultMonthlyTokens != null ? defaultMonthlyTokens
                : fromEnvironment(System.getenv(AiSettings.DEFAULT_MONTHLY_TOKENS_ENV));
        return new AiSettings(tokens);
    }

    static long fromEnvironment(String value) {
        if (value == null || value.isBlank()) {
            return AiSettings.DEFAULT_MONTHLY_TOKENS_DEFAULT;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw ConfigException.invalid("--ai-default-monthly-tokens", "a whole number of tokens (0 = unlimited)",
                    value);
        }
    }
}
