package io.jobfleet.ai.config;

import io.jobfleet.config.ConfigException;
import java.util.List;
import java.util.OptionalLong;

/**
 * The ai family's own settings.
 *
 * @param defaultMonthlyTokens the monthly token limit of users without a row in
 *        {@code ai_token_budgets}; 0 means unlimited
 * @param maxTokens the largest {@code max_tokens} a payload may ask for
 * @param defaultMaxTokens the {@code max_tokens} sent when a payload gives none; at most {@code maxTokens}
 * @param maxPromptChars the most characters of a payload's prompt, messages and response schema together
 * @param models the models a payload may name; empty = only the worker's {@code --llm-model}
 * @param quotas false when the operator runs without token quotas: no reservation, no ledger, and
 *        the quota tables are neither needed nor checked
 */
public record AiSettings(long defaultMonthlyTokens, int maxTokens, int defaultMaxTokens, int maxPromptChars,
                         List<String> models, boolean quotas) {
    public static final long DEFAULT_MONTHLY_TOKENS_DEFAULT = 0;
    public static final int MAX_TOKENS_DEFAULT = 4096;
    public static final int DEFAULT_MAX_TOKENS_DEFAULT = 1024;
    public static final int MAX_PROMPT_CHARS_DEFAULT = 200_000;
    public static final String DEFAULT_MONTHLY_TOKENS_ENV = "JOBFLEET_AI_DEFAULT_MONTHLY_TOKENS";
    public static final String MAX_TOKENS_ENV = "JOBFLEET_AI_MAX_TOKENS";
    public static final String DEFAULT_MAX_TOKENS_ENV = "JOBFLEET_AI_DEFAULT_MAX_TOKENS";
    public static final String MAX_PROMPT_CHARS_ENV = "JOBFLEET_AI_MAX_PROMPT_CHARS";
    public static final String MODELS_ENV = "JOBFLEET_AI_MODELS";
    public static final String QUOTAS_ENV = "JOBFLEET_AI_QUOTAS";
    /** The payload's own ceiling of {@code max_tokens}, whatever the configuration. */
    public static final int MAX_TOKENS_CEILING = 32_768;

    public AiSettings {
        if (defaultMonthlyTokens < 0) {
            throw ConfigException.invalid("--ai-default-monthly-tokens", "0 (unlimited) or a positive number of tokens",
                    defaultMonthlyTokens);
        }
        if (maxTokens < 1 || maxTokens > MAX_TOKENS_CEILING) {
            throw ConfigException.invalid("--ai-max-tokens", "between 1 and " + MAX_TOKENS_CEILING, maxTokens);
        }
        if (defaultMaxTokens < 1 || defaultMaxTokens > maxTokens) {
            throw ConfigException.invalid("--ai-default-max-tokens", "between 1 and --ai-max-tokens (" + maxTokens + ")",
                    defaultMaxTokens);
        }
        if (maxPromptChars < 1) {
            throw ConfigException.invalid("--ai-max-prompt-chars", "positive", maxPromptChars);
        }
        models = models == null ? List.of() : models.stream().map(String::strip).filter(m -> !m.isEmpty()).toList();
    }

    /** The defaults with {@code defaultMonthlyTokens} as the limit of users without a budget row. */
    public AiSettings(long defaultMonthlyTokens) {
        this(defaultMonthlyTokens, MAX_TOKENS_DEFAULT, DEFAULT_MAX_TOKENS_DEFAULT, MAX_PROMPT_CHARS_DEFAULT, List.of(),
                true);
    }

    public static AiSettings defaults() {
        return new AiSettings(DEFAULT_MONTHLY_TOKENS_DEFAULT);
    }

    public AiSettings withTokenLimits(int newMaxTokens, int newDefaultMaxTokens) {
        return new AiSettings(defaultMonthlyTokens, newMaxTokens, newDefaultMaxTokens, maxPromptChars, models, quotas);
    }

    public AiSettings withMaxPromptChars(int chars) {
        return new AiSettings(defaultMonthlyTokens, maxTokens, defaultMaxTokens, chars, models, quotas);
    }

    public AiSettings withModels(List<String> allowed) {
        return new AiSettings(defaultMonthlyTokens, maxTokens, defaultMaxTokens, maxPromptChars, allowed, quotas);
    }

    /** These settings with token quotas on or off. */
    public AiSettings withQuotas(boolean on) {
        return new AiSettings(defaultMonthlyTokens, maxTokens, defaultMaxTokens, maxPromptChars, models, on);
    }

    /** The limit for users without a budget row, as {@code ai_remaining_tokens} takes it: empty = unlimited. */
    public OptionalLong defaultLimit() {
        return defaultMonthlyTokens == 0 ? OptionalLong.empty() : OptionalLong.of(defaultMonthlyTokens);
    }

    /** The models a payload may name: {@link #models()}, or only {@code configuredModel} when that is empty. */
    public List<String> allowedModels(String configuredModel) {
        return models.isEmpty() ? List.of(configuredModel) : models;
    }
}
