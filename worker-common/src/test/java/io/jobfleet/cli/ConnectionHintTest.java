package io.jobfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobfleet.config.DbConfig;
import io.jobfleet.testing.TestDatabase;
import java.net.ServerSocket;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A command that cannot connect says what the driver said (with the host and port) and what to
 * check: the address, the database's name, or the role and its password.
 */
class ConnectionHintTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    private static DbConfig withUrl(String url) {
        DbConfig c = DB.config();
        return new DbConfig(url, c.user(), c.password(), c.schema(), c.appSchema(), 2);
    }

    @Test
    void nothingListeningAtTheAddressNamesItAndSaysToCheckTheUrl() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }

        Cli.Result r = Cli.run(withUrl("jdbc:postgresql://127.0.0.1:" + port + "/app"), "stats");

        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.DATABASE_UNAVAILABLE);
        assertThat(r.err()).contains("database unavailable: ").contains("127.0.0.1:" + port)
                .contains(JobfleetCli.UNREACHABLE_HINT.strip());
    }

    @Test
    void aDatabaseThatDoesNotExistSaysToCheckItsName() {
        String url = DB.config().url().replaceFirst("^(jdbc:postgresql://[^/]+/)[^?]*", "$1jobfleet_no_such_database");

        Cli.Result r = Cli.run(withUrl(url), "stats");

        assertThat(r.exit()).as(r.toString()).isNotZero();
        assertThat(r.err()).contains("jobfleet_no_such_database").contains("does not exist")
                .contains(JobfleetCli.NO_DATABASE_HINT.strip());
    }

    @Test
    void aRejectedPasswordSaysToCheckTheRoleAndItsPasswordFile() {
        // the test server may trust local connections, so the driver's answer is built here
        Exception rejected = new IllegalStateException(new SQLTransientConnectionException("jobfleet - Connection is not available",
                new SQLException("FATAL: password authentication failed for user \"worker\"", "28P01")));

        assertThat(JobfleetCli.exitCode(rejected)).isEqualTo(ExitCodes.DATABASE_UNAVAILABLE);
        assertThat(JobfleetCli.message(rejected))
                .isEqualTo("database unavailable: FATAL: password authentication failed for user \"worker\""
                        + JobfleetCli.CREDENTIALS_HINT);
    }
}
