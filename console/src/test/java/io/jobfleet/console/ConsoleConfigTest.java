package io.jobfleet.console;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobfleet.config.ConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The console's flags as picocli reads them, refused with messages that say what to change. */
class ConsoleConfigTest {
    @Test
    void aZeroRefreshOrSessionIdleIsRefusedSayingWhatIsAllowed() {
        assertThatThrownBy(() -> config("--refresh", "0s")).isInstanceOf(ConfigException.class)
                .hasMessage("--refresh / JOBFLEET_CONSOLE_REFRESH must be at least 100ms, e.g. 2s (got 0s)");
        assertThatThrownBy(() -> config("--session-idle", "0s")).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("--session-idle / JOBFLEET_CONSOLE_SESSION_IDLE must be at least 1m");
        assertThatThrownBy(() -> config("--read-timeout", "0s")).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("--read-timeout / JOBFLEET_CONSOLE_READ_TIMEOUT must be at least 1s");
    }

    @Test
    void aBadPortNamesTheConsolesVariable() {
        assertThatThrownBy(() -> config("--http-port", "70000")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("--http-port / JOBFLEET_CONSOLE_HTTP_PORT must be between 0 and 65535")
                .hasMessageNotContaining("JOBFLEET_HTTP_PORT");
    }

    @Test
    void anEmptyUsersFileIsTreatedAsUnset() {
        assertThatThrownBy(() -> new ConsoleConfig("127.0.0.1", 0, Path.of(""), false, Set.of(), false, Set.of(), null,
                Duration.ofHours(8), Duration.ofSeconds(2), Duration.ofSeconds(10)))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("the console needs --users-file");
        assertThatThrownBy(() -> config()).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("the console needs --users-file");
    }

    /** The config of {@code console --users-file FILE ARGS}; without ARGS, of {@code console --users-file ''}. */
    private static ConsoleConfig config(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--users-file";
        all[1] = args.length == 0 ? "" : "/etc/jobfleet/console-users";
        System.arraycopy(args, 0, all, 2, args.length);
        ConsoleCommand command = new ConsoleCommand(q -> q);
        new CommandLine(command).parseArgs(all);
        return command.options.toConfig();
    }
}
