package io.jobfleet.documents.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobfleet.cli.ExitCodes;
import io.jobfleet.config.DbConfig;
import io.jobfleet.config.Secret;
import io.jobfleet.db.NewJob;
import io.jobfleet.documents.DocumentsFamily;
import io.jobfleet.testing.FamilyCli;
import io.jobfleet.testing.FamilyCli.Result;
import io.jobfleet.testing.JobsTable;
import io.jobfleet.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mapping that does not fit the catalog: {@code check} and {@code run} exit 5 naming the table,
 * the column and the fix, and {@code run} claims nothing (attempts stay 0).
 */
class MappingCheckTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    private static final String ROLE = "jobfleet_mapping_check_limited";

    @TempDir
    static Path dir;

    private static String schema;

    @BeforeAll
    static void prismaSchema() {
        schema = DB.config().schema() + "_prisma";
        PrismaSchema.create(DB, schema, "TEXT");
    }

    @Test
    void theFittingMappingPasses() throws IOException {
        Result r = cli(null, "check", "--app-mapping=" + write(PrismaSchema.mapping(schema, "text")));
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("documents: the app tables fit the mapping");
    }

    @Test
    void aMissingColumn() throws IOException {
        Path file = write(PrismaSchema.mapping(schema, "text").replace("'\"fileName\"'", "'\"filename\"'"));
        assertRefused(file, "table " + schema + ".\"Document\" has no column filename "
                + "(tables.documents.columns.file_name): add the column or map tables.documents.columns.file_name "
                + "to the app's column");
    }

    @Test
    void namesWhoseQuotesYamlAteAreFoundWithTheirCapitals() throws IOException {
        Path file = write(PrismaSchema.mapping(schema, "text").replace("'\"fileName\"'", "fileName")
                .replace("table: '\"Document\"'", "table: Document"));
        Result check = cli(null, "check", "--app-mapping=" + file);
        assertThat(check.exit()).as(check.toString()).isEqualTo(ExitCodes.SCHEMA_OUTDATED);
        assertThat(check.out()).contains("table " + schema + ".document does not exist (tables.documents.table)",
                "; found " + schema + ".\"Document\"", "(a name with capitals is written quoted in the YAML file");

        file = write(PrismaSchema.mapping(schema, "text").replace("'\"fileName\"'", "fileName"));
        assertRefused(file, "table " + schema + ".\"Document\" has no column filename "
                + "(tables.documents.columns.file_name): add the column or map tables.documents.columns.file_name "
                + "to the app's column; it has \"fileName\": a name with capitals is written quoted in the YAML file, "
                + "e.g. '\"fileName\"'");
    }

    @Test
    void aWrongIdType() throws IOException {
        Path file = write(PrismaSchema.mapping(schema, "text").replace("id: { column: id, type: text }",
                "id: { column: id, type: bigint }"));
        assertRefused(file, "table " + schema + ".\"Document\" column id is text but tables.documents.id.type is "
                + "bigint: set tables.documents.id.type to text");
    }

    @Test
    void aMissingEnumLabel() throws IOException {
        Path file = write(PrismaSchema.mapping(schema, "text").replace("type: '\"DocumentProcessingStatus\"'",
                "type: '\"DocumentProcessingStatus\"'\n      words: { done: FINISHED }"));
        assertRefused(file, "table " + schema + ".\"Document\" column \"requirementStatus\": enum " + schema
                + ".\"DocumentProcessingStatus\" has no label 'FINISHED' (tables.documents.status.words.done): map it "
                + "to one of [WAITING, PROCESSING, DONE, ERROR] or ALTER TYPE \"" + schema
                + "\".\"DocumentProcessingStatus\" ADD VALUE 'FINISHED'");
    }

    @Test
    void aMissingPrivilege() throws IOException {
        String s = DB.config().schema();
        DB.db().jdbi().useHandle(h -> {
            h.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + ROLE + "') THEN "
                    + "CREATE ROLE " + ROLE + " LOGIN; END IF; END $$");
            h.execute("GRANT USAGE ON SCHEMA \"" + s + "\", \"" + schema + "\" TO " + ROLE);
            h.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA \"" + s + "\" TO " + ROLE);
            h.execute("GRANT SELECT, INSERT, DELETE ON \"" + schema + "\".\"Requirement\" TO " + ROLE);
            h.execute("GRANT SELECT, UPDATE ON \"" + schema + "\".\"Invoice\" TO " + ROLE);
            // the document's status may not be written
            h.execute("GRANT SELECT, UPDATE (\"requirementError\", \"updatedAt\") ON \"" + schema + "\".\"Document\" TO "
                    + ROLE);
        });
        assertRefused(write(PrismaSchema.mapping(schema, "text")), ROLE, "table " + schema
                + ".\"Document\" column \"requirementStatus\": role " + ROLE + " lacks UPDATE: GRANT UPDATE "
                + "(\"requirementStatus\") ON \"" + schema + "\".\"Document\" TO \"" + ROLE + "\"");
    }

    @Test
    void missingReferenceTablesNameTheMigration() {
        Result r = cli(null, "check");
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.SCHEMA_OUTDATED);
        assertThat(r.out()).contains("table " + DB.config().appSchema() + ".documents does not exist "
                + "(tables.documents.table): create it (`jobfleet documents migrate --app-tables` creates the "
                + "reference tables) or map tables.documents.table to the app's table with --app-mapping");
    }

    private void assertRefused(Path file, String problem) {
        assertRefused(file, null, problem);
    }

    /** check and run both exit 5 naming the problem, and run leaves a pending job unclaimed. */
    private void assertRefused(Path file, String user, String problem) {
        Result check = cli(user, "check", "--app-mapping=" + file);
        assertThat(check.exit()).as(check.toString()).isEqualTo(ExitCodes.SCHEMA_OUTDATED);
        assertThat(check.out()).contains(problem);

        JobsTable jobs = new JobsTable(DB);
        long job = jobs.enqueue(NewJob.of("documents", "document.extract_requirements", "{\"documentId\": \"clx1\"}"));
        Result run = cli(user, "run", "--app-mapping=" + file, "--http-port=-1", "--startup-timeout=5s",
                "--llm-base-url=http://127.0.0.1:9/v1");
        assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCodes.SCHEMA_OUTDATED);
        assertThat(run.err()).contains(problem);
        assertThat(jobs.get(job).status()).isEqualTo("pending");
        assertThat(jobs.get(job).attempts()).isZero();
        DB.truncateJobs();
    }

    private static Path write(String yaml) throws IOException {
        Path f = Files.createTempFile(dir, "mapping", ".yaml");
        Files.writeString(f, yaml);
        return f;
    }

    /** The family's command line as {@code user} (a role without a password), or as the test database's user. */
    private static Result cli(String user, String... args) {
        DbConfig db = user == null ? DB.config() : new DbConfig(DB.config().url(), user, Secret.empty(),
                DB.config().schema(), DB.config().appSchema(), 4);
        return FamilyCli.run(new DocumentsFamily(), db, args);
    }
}
