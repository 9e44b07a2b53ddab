package io.jobfleet.ai.config;

import io.jobfleet.config.ConfigException;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The ai family's flags of {@code run}, each with an environment variable. When the command line
 * has not parsed them (the flags are not wired), {@link #toSettings()} reads the environment
 * variables itself, so the family behaves the same either way.
 */
public class AiOptions {
    @Option(names = "--ai-default-monthly-tokens", paramLabel = "TOKENS",
            defaultValue = "${env:" + AiSettings.DEFAULT_MONTHLY_TOKENS_ENV + ":-" + AiSettings.DEFAULT_MONTHLY_TOKENS_DEFAULT + "}",
            description = "Monthly token limit of users without a row in ai_token_budgets; 0 = unlimited "
                    + "(env " + AiSettings.DEFAULT_MONTHLY_TOKENS_ENV + "; default ${DEFAULT-VALUE}).")
    Long defaultMonthlyTokens;

    @Option(names = "--ai-max-tokens", paramLabel = "TOKENS",
            defaultValue = "${env:" + AiSettings.MAX_TOKENS_ENV + ":-" + AiSettings.MAX_TOKENS_DEFAULT + "}",
            description = "Largest max_tokens a payload may ask for; larger ones fail as bad_payload "
                    + "(env " + AiSettings.MAX_TOKENS_ENV + "; default ${DEFAULT-VALUE}).")
    Long maxTokens;

    @Option(names = "--ai-default-max-tokens", paramLabel = "TOKENS",
            defaultValue = "${env:" + AiSettings.DEFAULT_MAX_TOKENS_ENV + ":-" + AiSettings.DEFAULT_MAX_TOKENS_DEFAULT + "}",
            description = "max_tokens sent when a payload gives none; reserved against the user's budget "
                    + "(env " + AiSettings.DEFAULT_MAX_TOKENS_ENV + "; default ${DEFAULT-VALUE}).")
    Long defaultMaxTokens;

    @Option(names = "--ai-max-prompt-chars", paramLabel = "CHARS",
            defaultValue = "${env:" + AiSettings.MAX_PROMPT_CHARS_ENV + ":-" + AiSettings.MAX_PROMPT_CHARS_DEFAULT + "}",
            description = "Most characters of a payload's prompt, messages and response_schema together "
                    + "(env " + AiSettings.MAX_PROMPT_CHARS_ENV + "; default ${DEFAULT-VALUE}).")
    Long maxPromptChars;

    @Option(names = "--ai-models", paramLabel = "MODEL[,MODEL...]", split = ",",
            defaultValue = "${env:" + AiSettings.MODELS_ENV + "}",
            description = "Models a payload's 'model' may name; empty = only --llm-model "
                    + "(env " + AiSettings.MODELS_ENV + ", comma list).")
    List<String> models;

    @Option(names = "--ai-quotas", paramLabel = "on|off",
            defaultValue = "${env:" + AiSettings.QUOTAS_ENV + ":-on}",
            description = "off: run without token quotas, so without the quota tables (no reservation, no usage "
                    + "ledger; check does not require them) (env " + AiSettings.QUOTAS_ENV + "; default ${DEFAULT-VALUE}).")
    String quotas;

    public AiSettings toSettings() {
        long tokens = defaultMonthlyTokens != null ? defaultMonthlyTokens
                : fromEnvironment(AiSettings.DEFAULT_MONTHLY_TOKENS_ENV, AiSettings.DEFAULT_MONTHLY_TOKENS_DEFAULT);
        long max = maxTokens != null ? maxTokens
                : fromEnvironment(AiSettings.MAX_TOKENS_ENV, AiSettings.MAX_TOKENS_DEFAULT);
        long defaultMax = defaultMaxTokens != null ? defaultMaxTokens
                : fromEnvironment(AiSettings.DEFAULT_MAX_TOKENS_ENV, AiSettings.DEFAULT_MAX_TOKENS_DEFAULT);
        long promptChars = maxPromptChars != null ? maxPromptChars
                : fromEnvironment(AiSettings.MAX_PROMPT_CHARS_ENV, AiSettings.MAX_PROMPT_CHARS_DEFAULT);
        List<String> allowed = models != null ? models : modelsFromEnvironment(System.getenv(AiSettings.MODELS_ENV));
        return new AiSettings(tokens, toInt(max, "--ai-max-tokens"), toInt(defaultMax, "--ai-default-max-tokens"),
                toInt(promptChars, "--ai-max-prompt-chars"), allowed, quotasOn());
    }

    /** Whether token quotas are on: {@code --ai-quotas}, or its environment variable when not parsed. */
    public boolean quotasOn() {
        String value = quotas != null ? quotas : System.getenv(AiSettings.QUOTAS_ENV);
        if (value == null || value.isBlank()) {
            return true;
        }
        return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "on", "true" -> true;
            case "off", "false" -> false;
            default -> throw new ConfigException("--ai-quotas (" + AiSettings.QUOTAS_ENV + ") must be on or off, got '"
                    + value + "'");
        };
    }

    static long fromEnvironment(String name, long defaultValue) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw ConfigException.invalid(name, "a whole number", value);
        }
    }

    static List<String> modelsFromEnvironment(String value) {
        return value == null ? List.of() : Arrays.asList(value.split(","));
    }

    private static int toInt(long value, String option) {
        if (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE) {
            throw ConfigException.invalid(option, "a whole number up to " + Integer.MAX_VALUE, value);
        }
        return (int) value;
    }
}
