package io.jobfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import net.logstash.logback.encoder.LogstashEncoder;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/**
 * The logging a process gets without a configuration file, built by {@link LogConfigurator} on a
 * logger context of the test's own (the tests' context reads logback-test.xml).
 */
class LogConfiguratorTest {
    private static final Map<String, String> JOB = Map.of("job_id", "42", "queue", "ai", "kind", "ai.generate",
            "attempt", "2", "worker", "ai@host:1:abc", "other", "not logged");

    @Test
    void jsonLinesCarryTheMessageTheLevelAndTheJobsFields() throws Exception {
        LoggerContext context = new LoggerContext();
        LogConfigurator.apply(context, true);

        ConsoleAppender<ILoggingEvent> appender = onlyAppender(context);
        assertThat(appender.getName()).isEqualTo("json");
        assertThat(appender.getTarget()).isEqualTo("System.err");
        assertThat(appender.isStarted()).isTrue();
        assertThat(appender.getEncoder()).isInstanceOf(LogstashEncoder.class);

        JsonNode line = new ObjectMapper().readTree(encode(appender.getEncoder(), event(context, "io.jobfleet.engine.AttemptRunner")));
        assertThat(line.path("message").asText()).isEqualTo("job 42 failed: the backend said no");
        assertThat(line.path("level").asText()).isEqualTo("WARN");
        assertThat(line.path("logger_name").asText()).isEqualTo("io.jobfleet.engine.AttemptRunner");
        assertThat(line.path("job_id").asText()).isEqualTo("42");
        assertThat(line.path("queue").asText()).isEqualTo("ai");
        assertThat(line.path("kind").asText()).isEqualTo("ai.generate");
        assertThat(line.path("attempt").asText()).isEqualTo("2");
        assertThat(line.path("worker").asText()).isEqualTo("ai@host:1:abc");
        assertThat(line.has("other")).as("only the job's fields of the MDC").isFalse();
    }

    @Test
    void textLinesNameTheJobOnlyWhenThereIsOne() {
        LoggerContext context = new LoggerContext();
        LogConfigurator.apply(context, false);

        ConsoleAppender<ILoggingEvent> appender = onlyAppender(context);
        assertThat(appender.getName()).isEqualTo("text");
        assertThat(appender.getTarget()).isEqualTo("System.err");
        String withJob = encode(appender.getEncoder(), event(context, "io.jobfleet.engine.AttemptRunner"));
        assertThat(withJob).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN  main {19}AttemptRunner {12}job=42 "
                + "job 42 failed: the backend said no\\R");

        LoggingEvent noJob = event(context, "io.jobfleet.daemon.WorkerDaemon", Map.of());
        assertThat(encode(appender.getEncoder(), noJob)).contains("WorkerDaemon             job 42 failed")
                .doesNotContain("job=");
    }

    @Test
    void theRootLogsInfoAndTheLibrariesOnlyWhatAnOperatorActsOn() {
        LoggerContext context = new LoggerContext();
        LogConfigurator.apply(context, true);

        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.INFO);
        assertThat(context.getLogger("io.jobfleet.engine.Worker").isInfoEnabled()).isTrue();
        assertThat(context.getLogger("com.zaxxer.hikari.pool.HikariPool").isInfoEnabled()).isFalse();
        assertThat(context.getLogger("com.zaxxer.hikari.pool.HikariPool").isWarnEnabled()).isTrue();
        assertThat(context.getLogger("org.flywaydb.core.Flyway").isInfoEnabled()).isFalse();
        assertThat(context.getLogger("okhttp3.OkHttpClient").isInfoEnabled()).isFalse();
        assertThat(context.getLogger("io.zonky.test.db.postgres.embedded.EmbeddedPostgres").isInfoEnabled()).isFalse();
        assertThat(context.getLogger("org.apache.pdfbox.pdmodel.font.PDType1Font").isWarnEnabled()).isFalse();
        assertThat(context.getLogger("org.apache.pdfbox.pdmodel.font.PDType1Font").isErrorEnabled()).isTrue();
    }

    @Test
    void aConfigurationFileWins() {
        assertThat(LogConfigurator.fileGiven(null, false)).as("nothing given: built in code").isFalse();
        assertThat(LogConfigurator.fileGiven(" ", false)).isFalse();
        assertThat(LogConfigurator.fileGiven("/etc/jobfleet/logback.xml", false)).isTrue();
        assertThat(LogConfigurator.fileGiven(null, true)).as("a logback.xml on the class path").isTrue();
    }

    @Test
    void theTestsOwnFileIsTheOneInUse() {
        // surefire names logback-test.xml: the configurator stepped aside, and logback read it
        LoggerContext tests = (LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
        assertThat(tests.getLogger("io.jobfleet.engine.AttemptRunner").getLevel())
                .as("logback-test.xml holds AttemptRunner at WARN").isEqualTo(Level.WARN);
        assertThat(new LogConfigurator().configure(new LoggerContext()))
                .isEqualTo(ch.qos.logback.classic.spi.Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
    }

    private static LoggingEvent event(LoggerContext context, String logger) {
        return event(context, logger, JOB);
    }

    private static LoggingEvent event(LoggerContext context, String logger, Map<String, String> mdc) {
        LoggingEvent e = new LoggingEvent(LogConfiguratorTest.class.getName(), context.getLogger(logger), Level.WARN,
                "job {} failed: {}", null, new Object[] {42, "the backend said no"});
        e.setThreadName("main");
        e.setMDCPropertyMap(mdc);
        return e;
    }

    private static String encode(Encoder<ILoggingEvent> encoder, ILoggingEvent event) {
        return new String(encoder.encode(event), StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static ConsoleAppender<ILoggingEvent> onlyAppender(LoggerContext context) {
        List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
        Iterator<Appender<ILoggingEvent>> it = context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders();
        it.forEachRemaining(appenders::add);
        assertThat(appenders).hasSize(1).first().isInstanceOf(ConsoleAppender.class);
        return (ConsoleAppender<ILoggingEvent>) appenders.get(0);
    }
}
