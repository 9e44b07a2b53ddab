package io.jobfleet.cli;

import ch.qos.logback.classic.ClassicConstants;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.NopStatusListener;
import io.jobfleet.support.LogContext;
import java.util.List;
import java.util.Map;
import net.logstash.logback.encoder.LogstashEncoder;
import org.slf4j.Logger;

/**
 * The processes' logging, built in code when logback starts (found through {@code
 * META-INF/services}): one appender on stderr, JSON (logstash encoder, with the job's MDC fields)
 * or text as {@link LogSetup} chose, and the libraries' chatter held at WARN. Built in code rather
 * than read from a {@code logback.xml}: with the XML, logback's configuration took a worker twice as
 * long (a median of 350 ms against 172, on the start's warm-up thread, which the command waits for
 * before it runs; docs/benchmarks.md, "Start: logging configured in code").
 *
 * <p>A configuration file still wins: with {@code -Dlogback.configurationFile=FILE} (an operator's
 * own, the tests' and the bench's) or a {@code logback-test.xml} or {@code logback.xml} on the class
 * path, this steps aside and logback reads that file as usual.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class LogConfigurator extends ContextAwareBase implements Configurator {
    /** The text format's line: time, level, thread, logger, the job when there is one, the message. */
    static final String TEXT_PATTERN = "%d{HH:mm:ss.SSS} %-5level %-22.22thread %-24.24logger{0} %replace(job=%X{"
            + LogContext.JOB_ID + "} ){'^job= $',''}%msg%n";
    /** The MDC fields a JSON line carries, as {@link LogContext} names and sets them. */
    static final List<String> MDC_FIELDS = List.of(LogContext.JOB_ID, LogContext.QUEUE, LogContext.KIND,
            LogContext.ATTEMPT, LogContext.WORKER);
    /** Libraries whose INFO lines say nothing an operator acts on (PDFBox warns about every substituted font). */
    static final Map<String, Level> QUIET = Map.of("com.zaxxer.hikari", Level.WARN, "org.flywaydb", Level.WARN,
            "io.zonky", Level.WARN, "okhttp3", Level.WARN, "org.apache.pdfbox", Level.ERROR);

    /** For the service loader. */
    public LogConfigurator() {
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (fileGiven(System.getProperty(ClassicConstants.CONFIG_FILE_PROPERTY), onClassPath())) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        apply(context, "json".equals(System.getProperty(LogSetup.PROPERTY)));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Whether logback should read a file instead: one named by the property, or one on the class path. */
    static boolean fileGiven(String configurationFile, boolean fileOnClassPath) {
        return configurationFile != null && !configurationFile.isBlank() || fileOnClassPath;
    }

    private static boolean onClassPath() {
        ClassLoader loader = LogConfigurator.class.getClassLoader();
        return loader.getResource(ClassicConstants.TEST_AUTOCONFIG_FILE) != null
                || loader.getResource(ClassicConstants.AUTOCONFIG_FILE) != null;
    }

    /** Sets {@code context} up: the root logger at INFO on one stderr appender, JSON or text. */
    static void apply(LoggerContext context, boolean json) {
        context.getStatusManager().add(new NopStatusListener()); // logback's own messages stay off stderr
        Encoder<ILoggingEvent> encoder = json ? jsonEncoder(context) : textEncoder(context);
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName(json ? "json" : "text");
        appender.setTarget("System.err");
        appender.setEncoder(encoder);
        appender.start();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(appender);
        QUIET.forEach((name, level) -> context.getLogger(name).setLevel(level));
    }

    private static Encoder<ILoggingEvent> jsonEncoder(LoggerContext context) {
        LogstashEncoder encoder = new LogstashEncoder();
        encoder.setContext(context);
        MDC_FIELDS.forEach(encoder::addIncludeMdcKeyName);
        encoder.start();
        return encoder;
    }

    private static Encoder<ILoggingEvent> textEncoder(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(TEXT_PATTERN);
        encoder.start();
        return encoder;
    }
}
