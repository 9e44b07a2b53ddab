package io.jobfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobfleet.config.DbConfig;
import io.jobfleet.config.Secret;
import io.jobfleet.testing.TestDatabase;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A command run as a role that lacks a privilege says which role and what to run instead, after
 * the database's own words: `migrate` as a role that does not own the schema is the usual mistake,
 * and an operator command run with the workers' login still in the environment the next.
 */
class PrivilegeHintTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    private static final String ROLE = "jobfleet_no_grants_test";

    @BeforeAll
    static void role() {
        DB.execute("DROP ROLE IF EXISTS " + ROLE);
        DB.execute("CREATE ROLE " + ROLE + " LOGIN PASSWORD 'no-grants'");
    }

    @AfterAll
    static void dropRole() {
        DB.execute("DROP ROLE IF EXISTS " + ROLE);
    }

    private static DbConfig asRoleWithoutGrants() {
        DbConfig c = DB.config();
        return new DbConfig(c.url(), ROLE, Secret.of("no-grants"), c.schema(), c.appSchema(), 2);
    }

    @Test
    void migrateAsARoleThatDoesNotOwnTheSchemaSaysWhoMustRunIt() {
        Cli.Result r = Cli.run(asRoleWithoutGrants(), "migrate");

        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.err()).contains("permission denied").contains(JobfleetCli.PRIVILEGE_HINT.strip());
    }

    @Test
    void anOperatorCommandAsARoleWithoutItsGrantsNamesTheRoleThatMayRunIt() {
        Cli.Result r = Cli.run(asRoleWithoutGrants(), "pause", "ai", "--reason", "incident");

        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.err()).contains("permission denied")
                .contains("pause, resume, retry, cancel, unlock: a member of jobfleet_console (deploy/sql/console-role.sql)");
    }

    @Test
    void onlyAMissingPrivilegeGetsTheHint() {
        Exception privilege = new IllegalStateException(new SQLException("ERROR: permission denied for table jobs", "42501"));
        Exception duplicate = new IllegalStateException(new SQLException("ERROR: duplicate key value", "23505"));

        assertThat(JobfleetCli.message(privilege)).endsWith(JobfleetCli.PRIVILEGE_HINT);
        assertThat(JobfleetCli.message(duplicate)).isEqualTo("the database refused it: ERROR: duplicate key value");
    }
}
