package io.jobfleet.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobfleet.cli.JobfleetCli;
import io.jobfleet.llm.LlmConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The flags take their defaults from the config records, {@code --help} shows them, and every
 * config record refuses a value that cannot work with one message shape: the flag and its
 * environment variable, what the value must be, what it was.
 */
class ConfigDefaultsTest {
    private static final String MESSAGE = "^(--[a-z-]+ / JOBFLEET_[A-Z_]+|the [A-Za-z -]+) must be .+ \\(got .+\\)$";

    @Test
    void runWithoutFlagsHasTheConfigRecordsDefaults() {
        CommandLine root = JobfleetCli.commandLine(List.of(), List.of());
        root.parseArgs("run");
        CommandLine run = root.getSubcommands().get("run");
        EngineConfig engine = EngineConfig.defaults("q");
        assertThat(option(run, "--concurrency")).isEqualTo(engine.concurrency());
        assertThat(option(run, "--lease")).isEqualTo(engine.lease());
        assertThat(option(run, "--rescue-interval")).isEqualTo(engine.rescueInterval());
        assertThat(option(run, "--grace")).isEqualTo(engine.grace());
        assertThat(option(run, "--poll-min")).isEqualTo(engine.pollMin());
        assertThat(option(run, "--poll-max")).isEqualTo(engine.pollMax());
        assertThat(option(run, "--listen")).isEqualTo(engine.listen());
        assertThat(option(run, "--retry-base")).isEqualTo(engine.retryBase());
        assertThat(option(run, "--retry-max")).isEqualTo(engine.retryMax());
        assertThat(option(run, "--prefetch")).isEqualTo(EngineConfig.PREFETCH_DEFAULT_TEXT);
        assertThat(EngineConfig.builder("q").prefetch((String) option(run, "--prefetch")).build().prefetch())
                .as("auto").isEqualTo(engine.prefetch()).isEmpty();
        assertThat(option(run, "--retention")).isEqualTo(RetentionConfig.RETENTION_DEFAULT);
        assertThat(option(run, "--prune-interval")).isEqualTo(RetentionConfig.INTERVAL_DEFAULT);
        assertThat(option(run, "--schema")).isEqualTo(DbConfig.SCHEMA_DEFAULT);
        assertThat(option(run, "--db-url")).isEqualTo(DbConfig.URL_DEFAULT);
        assertThat(Pooler.Mode.parse((String) option(run, "--db-pooler"))).isEqualTo(Pooler.NONE.mode());
        assertThat(option(run, "--listen-url")).as("LISTEN on --db-url").isNull();
        assertThat(option(run, "--http-host")).isEqualTo(HttpConfig.HOST_DEFAULT);
        assertThat(option(run, "--http-port")).as("no port: the first free one").isNull();
        assertThat(option(run, "--llm-timeout")).isEqualTo(LlmConfig.CALL_TIMEOUT_DEFAULT);
        assertThat(option(run, "--llm-model")).isEqualTo(LlmConfig.MODEL_DEFAULT);
        assertThat(option(run, "--llm-breaker-open-wait")).isEqualTo(LlmConfig.Breaker.OPEN_WAIT_DEFAULT);
    }

    @Test
    void helpShowsTheDefaults() {
        CommandLine run = JobfleetCli.commandLine(List.of(), List.of()).getSubcommands().get("run");
        StringWriter out = new StringWriter();
        run.usage(new PrintWriter(out));
        String help = out.toString().replaceAll("\\s+", " ");
        assertThat(help).contains("JOBFLEET_CONCURRENCY, default " + EngineConfig.CONCURRENCY_DEFAULT + ")",
                "JOBFLEET_LEASE, default " + EngineConfig.LEASE_DEFAULT_TEXT + ")",
                "JOBFLEET_RETRY_MAX, default " + EngineConfig.RETRY_MAX_DEFAULT_TEXT + ")",
                "JOBFLEET_RETENTION, default " + RetentionConfig.RETENTION_DEFAULT_TEXT + ")",
                "JOBFLEET_HTTP_HOST, default " + HttpConfig.HOST_DEFAULT + ")",
                "JOBFLEET_DB_POOLER, default none)", "(env JOBFLEET_LISTEN_URL)",
                "the first free port of " + HttpConfig.PORT_DEFAULT + "-" + HttpConfig.LAST_PORT_DEFAULT,
                "default " + LlmConfig.CALL_TIMEOUT_DEFAULT_TEXT + ")");
    }

    @Test
    void everyConfigRecordSaysWhatToChangeInOneShape() {
        List<Supplier<Object>> invalid = List.of(
                () -> EngineConfig.builder("q").concurrency(0).build(),
                () -> EngineConfig.builder("q").lease(Duration.ofSeconds(1)).build(),
                () -> EngineConfig.builder("q").pollMin(Duration.ofSeconds(5)).pollMax(Duration.ofSeconds(1)).build(),
                () -> EngineConfig.builder("q").retryBase(Duration.ofMinutes(20)).build(),
                () -> EngineConfig.builder("q").prefetch(-1).build(),
                () -> EngineConfig.builder("q").prefetch("lots").build(),
                () -> EngineConfig.builder(" ").build(),
                () -> new DbConfig("mysql://x", null, null, "jobfleet", "public", 10),
                () -> new DbConfig(DbConfig.URL_DEFAULT, null, null, "Job-Fleet", "public", 10),
                () -> new DbConfig(DbConfig.URL_DEFAULT, null, null, "jobfleet", "public", 1),
                () -> Pooler.Mode.parse("session"),
                () -> new Pooler(Pooler.Mode.TRANSACTION, "postgres://db:5432/app"),
                () -> new RetentionConfig(Duration.ofDays(-1), RetentionConfig.INTERVAL_DEFAULT, 10),
                () -> new RetentionConfig(Duration.ZERO, Duration.ZERO, 10),
                () -> new RetentionConfig(Duration.ZERO, RetentionConfig.INTERVAL_DEFAULT, 0),
                () -> new HttpConfig("127.0.0.1", 70_000),
                () -> new HttpConfig(" ", 9400),
                () -> LlmConfig.defaults("not a url", null),
                () -> LlmConfig.defaults(LlmConfig.BASE_URL_DEFAULT, null).withModel(" "),
                () -> LlmConfig.defaults(LlmConfig.BASE_URL_DEFAULT, null).withRequestsPerMinute(-5),
                () -> new LlmConfig.Breaker(0, 20, 10, Duration.ofSeconds(30), 3));
        for (Supplier<Object> s : invalid) {
            assertThatThrownBy(s::get).isInstanceOf(ConfigException.class).message().matches(MESSAGE);
        }
        assertThatThrownBy(() -> EngineConfig.builder("q").concurrency(0).build())
                .hasMessage("--concurrency / JOBFLEET_CONCURRENCY must be between 1 and 1024 (got 0)");
        assertThatThrownBy(() -> new DbConfig("jdbc:mysql://u:secret@h/db", null, null, "jobfleet", "public", 10))
                .message().doesNotContain("secret");
    }

    @Test
    void aBuilderChangesOnlyWhatItIsTold() {
        EngineConfig base = EngineConfig.builder("q").concurrency(3).lease(Duration.ofSeconds(9)).build();
        EngineConfig changed = base.toBuilder().prefetch(4).build();
        assertThat(changed.toString()).isEqualTo(base.toString().replace("prefetch=auto", "prefetch=4"));
        assertThat(changed.heartbeatInterval()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void behindATransactionPoolerListenNeedsADirectUrl() {
        assertThat(new Pooler(Pooler.Mode.parse("Transaction"), " ").canListen()).isFalse();
        assertThat(new Pooler(Pooler.Mode.TRANSACTION, "jdbc:postgresql://db:5432/app").canListen()).isTrue();
        assertThat(Pooler.NONE.canListen()).isTrue();
        assertThat(new DbConfig(DbConfig.URL_DEFAULT, null, null, "jobfleet", "public", 10).pooler())
                .isEqualTo(Pooler.NONE);
    }

    private static Object option(CommandLine cl, String name) {
        return cl.getCommandSpec().findOption(name).getValue();
    }
}
