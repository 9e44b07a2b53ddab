package io.jobfleet.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobfleet.config.ConfigException;
import io.jobfleet.config.Secret;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class LlmOptionsTest {
    @Command(name = "worker-test", mixinStandardHelpOptions = true, showDefaultValues = true)
    static class TestCommand {
        @Mixin
        LlmOptions llm;
    }

    private static LlmConfig parse(String... args) {
        TestCommand cmd = new TestCommand();
        new CommandLine(cmd).parseArgs(args);
        return cmd.llm.toConfig();
    }

    @Test
    void defaultsPointAtTheLocalSimulator() {
        // assumes the JOBFLEET_LLM_* variables are not set where tests run
        LlmConfig c = parse();
        assertThat(c.baseUrl()).isEqualTo("http://127.0.0.1:8089/v1");
        assertThat(c.model()).isEqualTo(LlmConfig.MODEL_DEFAULT);
        assertThat(c.apiKey().isEmpty()).isTrue();
        assertThat(c.callTimeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.readTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.maxInCallRetries()).isEqualTo(2);
        assertThat(c.requestsPerMinute()).isZero();
        assertThat(c.temperature()).isEqualTo(0.2);
        assertThat(c.breaker()).isEqualTo(LlmConfig.Breaker.defaults());
    }

    @Test
    void readsEveryOption(@TempDir Path dir) throws Exception {
        Path keyFile = Files.writeString(dir.resolve("key"), "sk-from-file\n");
        LlmConfig c = parse("--llm-base-url", "https://api.openai.com/v1", "--llm-api-key", "sk-from-flag",
                "--llm-api-key-file", keyFile.toString(), "--llm-model", "gpt-4.1", "--llm-timeout", "90s",
                "--llm-connect-timeout", "500ms", "--llm-read-timeout", "2m", "--llm-rpm", "120",
                "--llm-retries", "0", "--llm-temperature", "none", "--llm-breaker-open-wait", "45");
        assertThat(c.apiKey().reveal()).as("the file wins").isEqualTo("sk-from-file");
        assertThat(c.model()).isEqualTo("gpt-4.1");
        assertThat(c.callTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.connectTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.readTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.requestsPerMinute()).isEqualTo(120);
        assertThat(c.maxInCallRetries()).isZero();
        assertThat(c.temperature()).isNull();
        assertThat(c.breaker().openWait()).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void helpNamesEveryEnvironmentVariableAndHidesTheKey() {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new TestCommand());
        cl.setOut(new PrintWriter(out));
        cl.execute("--help");
        assertThat(out.toString()).contains("JOBFLEET_LLM_BASE_URL", "JOBFLEET_LLM_API_KEY", "JOBFLEET_LLM_API_KEY_FILE",
                "JOBFLEET_LLM_MODEL", "JOBFLEET_LLM_TIMEOUT", "JOBFLEET_LLM_RPM", "JOBFLEET_LLM_RETRIES",
                "http://127.0.0.1:8089/v1");
        for (CommandLine.Model.OptionSpec option : cl.getCommandSpec().options()) {
            if (option.longestName().startsWith("--llm")) {
                assertThat(option.description()).as(option.longestName()).isNotEmpty();
                assertThat(String.join(" ", option.description())).as(option.longestName()).contains("env JOBFLEET_");
            }
        }
    }

    @Test
    void validationSaysWhatToChange() {
        assertThatThrownBy(() -> parse("--llm-base-url", "https://api.openai.com/v1/chat/completions"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("--llm-base-url / JOBFLEET_LLM_BASE_URL must be the API root without /chat/completions, e.g. "
                        + "https://api.openai.com/v1 (got 'https://api.openai.com/v1/chat/completions')");
        assertThatThrownBy(() -> parse("--llm-base-url", "api.openai.com"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("--llm-base-url / JOBFLEET_LLM_BASE_URL must be an http(s) URL");
        assertThatThrownBy(() -> parse("--llm-retries", "-1"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("--llm-retries / JOBFLEET_LLM_RETRIES must be between 0 and 10 (got -1)");
        assertThatThrownBy(() -> parse("--llm-temperature", "hot"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("--llm-temperature");
        assertThatThrownBy(() -> parse("--llm-timeout", "0s"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("--llm-timeout / JOBFLEET_LLM_TIMEOUT must be a positive duration");
        assertThatThrownBy(() -> parse("--llm-timeout", "soon"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("is not a duration: use e.g. 500ms, 30s, 5m");
    }

    @Test
    void configNeverShowsTheKeyOrCredentialsInTheUrl() {
        LlmConfig c = LlmConfig.defaults("https://user:pw@gateway.example/v1?api-key=abc123secret",
                Secret.of("sk-very-secret-value"));
        assertThat(c.toString()).contains("https://gateway.example/v1").doesNotContain("sk-very", "abc123", "pw@");
        assertThat(c.endpointLabel()).isEqualTo("https://gateway.example/v1");
    }
}
