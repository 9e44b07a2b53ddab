package io.jobfleet.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobfleet.ai.config.AiOptions;
import io.jobfleet.config.ConfigException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --ai-default-monthly-tokens}: 0 (the default) is unlimited; negative values are refused. */
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
}
