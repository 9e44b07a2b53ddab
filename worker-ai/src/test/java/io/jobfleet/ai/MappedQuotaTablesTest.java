package io.jobfleet.ai;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobfleet.cli.ExitCodes;
import io.jobfleet.config.DbConfig;
import io.jobfleet.config.Secret;
import io.jobfleet.testing.FamilyCli;
import io.jobfleet.testing.FamilyCli.Result;
import io.jobfleet.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quota ledger on tables of the app's own (another schema, a serial id): {@code check} finds
 * the two quota functions missing there before any job is claimed, and {@code --print-grants}
 * writes exactly what a worker role needs of the mapping, functions and the id's sequence included.
 */
class MappedQuotaTablesTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    private static final String ROLE = "jobfleet_ai_mapped_quota";

    @TempDir
    static Path dir;

    private static String schema;
    private static Path mapping;

    @BeforeAll
    static void appTables() throws IOException {
        schema = DB.config().schema() + "_mapped_ai";
        DB.db().jdbi().useHandle(h -> h.execute("CREATE SCHEMA \"" + schema + "\"; "
                + "CREATE TABLE \"" + schema + "\".\"Budget\" (\"userId\" text PRIMARY KEY, \"monthlyTokens\" bigint); "
                + "CREATE TABLE \"" + schema + "\".\"Usage\" (id bigserial PRIMARY KEY, \"jobId\" bigint NOT NULL, "
                + "\"userId\" text NOT NULL, attempt integer NOT NULL, state text NOT NULL, \"reservedTokens\" integer NOT NULL, "
                + "model text NOT NULL, \"promptTokens\" integer NOT NULL, \"completionTokens\" integer NOT NULL, "
                + "\"totalTokens\" integer NOT NULL, \"createdAt\" timestamptz NOT NULL DEFAULT now(), "
                + "\"settledAt\" timestamptz)"));
        mapping = dir.resolve("ai-mapping.yaml");
        Files.writeString(mapping, """
                schema: %s
                tables:
                  ai_token_budgets:
                    table: '"Budget"'
                    id: { column: '"userId"', type: text }
                    columns: { monthly_tokens: '"monthlyTokens"' }
                  ai_usage_ledger:
                    table: '"Usage"'
                    columns:
                      job_id: '"jobId"'
                      user_id: '"userId"'
                      reserved_tokens: '"reservedTokens"'
                      prompt_tokens: '"promptTokens"'
                      completion_tokens: '"completionTokens"'
                      total_tokens: '"totalTokens"'
                      created_at: '"createdAt"'
                      settled_at: '"settledAt"'
                """.formatted(schema));
    }

    @Test
    void missingQuotaFunctionsAreFoundByCheckAndGrantsMakeARoleFit() {
        Result before = cli(null, "check", "--app-mapping=" + mapping);
        assertThat(before.exit()).as(before.toString()).isEqualTo(ExitCodes.SCHEMA_OUTDATED);
        assertThat(before.out()).contains("function " + schema + ".ai_remaining_tokens(text, bigint) does not exist "
                        + "(the ai family calls it in the schema of tables.ai_usage_ledger): `jobfleet ai migrate "
                        + "--app-tables` creates it with the reference tables; on the app's own tables, create it from "
                        + "the template in worker-ai/README.md (\"The quota functions on the app's tables\")")
                .contains("function " + schema + ".ai_token_quota(text, bigint, timestamptz) does not exist");

        DB.db().jdbi().useHandle(h -> h.execute("CREATE FUNCTION \"" + schema + "\".ai_token_quota(p_user_id text, "
                + "p_default_limit bigint DEFAULT NULL, p_at timestamptz DEFAULT now()) RETURNS TABLE (monthly_limit bigint, "
                + "used_tokens bigint, remaining_tokens bigint, period_start timestamptz, resets_at timestamptz) "
                + "LANGUAGE sql STABLE AS 'SELECT NULL::bigint, 0::bigint, NULL::bigint, now(), now()'; "
                + "CREATE FUNCTION \"" + schema + "\".ai_remaining_tokens(p_user_id text, p_default_limit bigint DEFAULT NULL) "
                + "RETURNS bigint LANGUAGE sql STABLE AS 'SELECT NULL::bigint'; "
                + "REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA \"" + schema + "\" FROM PUBLIC"));
        Result fits = cli(null, "check", "--app-mapping=" + mapping);
        assertThat(fits.exit()).as(fits.toString()).isZero();
        assertThat(fits.out()).contains("ai: the app tables fit the mapping");

        // a worker role with the queue's privileges only: the check lists what it lacks, the sequence too
        String s = DB.config().schema();
        DB.db().jdbi().useHandle(h -> {
            h.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + ROLE + "') THEN "
                    + "CREATE ROLE " + ROLE + " LOGIN; END IF; END $$");
            h.execute("GRANT USAGE ON SCHEMA \"" + s + "\" TO " + ROLE);
            h.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA \"" + s + "\" TO " + ROLE);
        });
        Result lacking = cli(ROLE, "check", "--app-mapping=" + mapping);
        assertThat(lacking.exit()).as(lacking.toString()).isEqualTo(ExitCodes.SCHEMA_OUTDATED);
        assertThat(lacking.out()).contains("lacks USAGE: GRANT USAGE ON SCHEMA \"" + schema + "\" TO \"" + ROLE + "\"",
                "./jobfleet ai check --app-mapping FILE --print-grants ROLE | psql");

        Result grants = cli(null, "check", "--app-mapping=" + mapping, "--print-grants=" + ROLE);
        assertThat(grants.exit()).as(grants.toString()).isZero();
        assertThat(grants.out())
                .contains("GRANT USAGE ON SEQUENCE " + schema + ".\"Usage_id_seq\" TO \"" + ROLE + "\";")
                .contains("GRANT EXECUTE ON FUNCTION \"" + schema + "\".\"ai_remaining_tokens\"(text, bigint) TO \""
                        + ROLE + "\";")
                .contains("GRANT UPDATE (\"state\", \"model\", \"promptTokens\", \"completionTokens\", "
                        + "\"totalTokens\", \"settledAt\") ON \"" + schema + "\".\"Usage\" TO \"" + ROLE + "\";");
        DB.db().jdbi().useHandle(h -> Arrays.stream(grants.out().split("\n"))
                .filter(line -> line.startsWith("GRANT")).forEach(h::execute));

        Result after = cli(ROLE, "check", "--app-mapping=" + mapping);
        assertThat(after.exit()).as(after.toString()).isZero();
    }

    private static Result cli(String user, String... args) {
        DbConfig db = user == null ? DB.config() : new DbConfig(DB.config().url(), user, Secret.empty(),
                DB.config().schema(), DB.config().appSchema(), 4);
        return FamilyCli.run(new AiFamily(), db, args);
    }
}
