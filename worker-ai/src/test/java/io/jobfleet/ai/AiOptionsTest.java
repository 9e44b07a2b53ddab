package io.jobfleet.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobfleet.ai.config.AiOptions;
import io.jobfleet.ai.config.AiSettings;
import io.jobfleet.config.ConfigException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code --ai-default-monthly-tokens}: 0 (the default) is unlimited; negative values are refused.
 * The call limits ({@code --ai-max-tokens}, {@code --ai-default-max-tokens}, {@code --ai-max-prompt-chars},
 * {@code --ai-models}) have defaults and are checked together.
 */
class AiOptionsTest {
    @Test
    void theDefaultIsUnlimited() {
        AiOptions options = new AiOptions();
        new CommandLine(options).parseArgs();
        assertThat(options.toSettings().defaultLimit()).isEmpty();
    }

    @Test
    void aLimitIsPassedToTheQuotaFunction() {
        AiOptions options = new AiOptions();
        new CommandLine(options).parseArgs("--ai-default-monthly-tokens=100000");
        assertThat(options.toSettings().defaultLimit()).hasValue(100_000);
    }

    @Test
    void aNegativeLimitSaysWhatToChange() {
        AiOptions options = new AiOptions();
        new CommandLine(options).parseArgs("--ai-default-monthly-tokens=-1");
        assertThatThrownBy(options::toSettings).isInstanceOf(ConfigException.class)
                .hasMessage("--ai-default-monthly-tokens / JOBFLEET_AI_DEFAULT_MONTHLY_TOKENS must be 0 (unlimited) or a "
                        + "positive number of tokens (got -1)");
    }

    @Test
    void callLimitsHaveDefaultsAndFlags() {
        AiOptions defaults = new AiOptions();
        new CommandLine(defaults).parseArgs();
        AiSettings d = defaults.toSettings();
        assertThat(d.maxTokens()).isEqualTo(4096);
        assertThat(d.defaultMaxTokens()).isEqualTo(1024);
        assertThat(d.maxPromptChars()).isEqualTo(200_000);
        assertThat(d.allowedModels("gpt-4o-mini")).as("only --llm-model").containsExactly("gpt-4o-mini");

        AiOptions options = new AiOptions();
        new CommandLine(options).parseArgs("--ai-max-tokens=8000", "--ai-default-max-tokens=300",
                "--ai-max-prompt-chars=5000", "--ai-models=gpt-4o-mini, gpt-4o");
        AiSettings s = options.toSettings();
        assertThat(s.maxTokens()).isEqualTo(8000);
        assertThat(s.defaultMaxTokens()).isEqualTo(300);
        assertThat(s.maxPromptChars()).isEqualTo(5000);
        assertThat(s.allowedModels("ignored")).containsExactly("gpt-4o-mini", "gpt-4o");
    }

    @Test
    void aDefaultAboveTheMaximumSaysWhatToChange() {
        AiOptions options = new AiOptions();
        new CommandLine(options).parseArgs("--ai-max-tokens=500", "--ai-default-max-tokens=1000");
        assertThatThrownBy(options::toSettings).isInstanceOf(ConfigException.class)
                .hasMessage("--ai-default-max-tokens / JOBFLEET_AI_DEFAULT_MAX_TOKENS must be between 1 and "
                        + "--ai-max-tokens (500) (got 1000)");
    }
}
