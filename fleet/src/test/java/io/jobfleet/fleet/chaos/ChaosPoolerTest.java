package io.jobfleet.fleet.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobfleet.config.DbConfig;
import io.jobfleet.config.Secret;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code chaos --pooler}: how the workers of a chaos run reach PostgreSQL. */
class ChaosPoolerTest {
    private static final DbConfig DIRECT = new DbConfig("jdbc:postgresql://127.0.0.1:5999/postgres", "postgres",
            Secret.empty(), "jobfleet", "public", 10);

    @Test
    void directlyByDefault() {
        ChaosCommand chaos = parse();
        assertThat(chaos.pooler).isEqualTo(ChaosCommand.PoolerChoice.none);
        assertThat(ChaosCommand.connectionFlags(DIRECT, null))
                .containsExactly("--db-url=jdbc:postgresql://127.0.0.1:5999/postgres", "--db-user=postgres");
    }

    @Test
    void throughPgBouncerTheWorkersRunInTransactionModeAndListenDirectly() {
        ChaosCommand chaos = parse("--quick", "--pooler", "pgbouncer");
        assertThat(chaos.pooler).isEqualTo(ChaosCommand.PoolerChoice.pgbouncer);
        List<String> flags = ChaosCommand.connectionFlags(DIRECT, "jdbc:postgresql://127.0.0.1:6432/postgres");
        assertThat(flags).containsExactly("--db-url=jdbc:postgresql://127.0.0.1:6432/postgres", "--db-user=postgres",
                "--db-pooler=transaction", "--listen-url=jdbc:postgresql://127.0.0.1:5999/postgres");
    }

    @Test
    void anUnknownPoolerIsRefused() {
        CommandLine cl = new CommandLine(new ChaosCommand(List.of()));
        cl.setErr(new java.io.PrintWriter(new java.io.StringWriter()));
        assertThat(cl.execute("--pooler", "pgpool")).isEqualTo(2);
    }

    private static ChaosCommand parse(String... args) {
        ChaosCommand chaos = new ChaosCommand(List.of());
        new CommandLine(chaos).parseArgs(args);
        return chaos;
    }
}
