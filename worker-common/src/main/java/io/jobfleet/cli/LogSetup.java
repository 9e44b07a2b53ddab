package io.jobfleet.cli;

import java.util.Locale;

/**
 * Chooses the log format before the first logger exists: JSON (logstash encoder) when not on a
 * terminal or when asked with {@code --log-format json} / {@code JOBFLEET_LOG_FORMAT=json}, plain
 * text on a terminal. Logs go to stderr; command output goes to stdout.
 */
final class LogSetup {
    static final String PROPERTY = "jobfleet.log.format";

    private LogSetup() {
    }

    static void configure(String[] args) {
        if (System.getProperty(PROPERTY) != null) {
            return;
        }
        String format = System.getenv("JOBFLEET_LOG_FORMAT");
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--log-format") && i + 1 < args.length) {
                format = args[i + 1];
            } else if (args[i].startsWith("--log-format=")) {
                format = args[i].substring("--log-format=".length());
            }
        }
        format = format == null ? "auto" : format.toLowerCase(Locale.ROOT);
        boolean json = switch (format) {
            case "json" -> true;
            case "text" -> false;
            default -> System.console() == null;
        };
        System.setProperty(PROPERTY, json ? "json" : "text");
    }
}
