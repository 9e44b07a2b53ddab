package io.jobfleet.collections.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobfleet.cli.ExitCodes;
import io.jobfleet.collections.CollectionsFamily;
import io.jobfleet.db.NewJob;
import io.jobfleet.testing.FamilyCli;
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
 * A collections mapping that does not fit the catalog: {@code check} and {@code run} exit 5 naming
 * the table, the column and the fix, and {@code run} claims nothing.
 */
class CollectionsMappingCheckTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    @TempDir
    static Path dir;

    private static String schema;

    @BeforeAll
    static void prismaSchema() {
        schema = DB.config().schema() + "_prisma";
        PrismaStudySchema.create(DB, schema);
    }

    @Test
    void theFittingMappingPasses() throws IOException {
        FamilyCli.Result r = cli("check", "--app-mapping=" + write(PrismaStudySchema.mapping(schema)));
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("collections: the app tables fit the mapping");
    }

    @Test
    void aMissingColumn() throws IOException {
        Path file = write(PrismaStudySchema.mapping(schema).replace("'\"failureReason\"'", "'\"errorMessage\"'"));
        assertRefused(file, "table " + schema + ".\"Collection\" has no column \"errorMessage\" "
                + "(tables.study_collections.columns.error_message): add the column or map "
                + "tables.study_collections.columns.error_message to the app's column");
    }

    @Test
    void aMissingEnumLabel() throws IOException {
        Path file = write(PrismaStudySchema.mapping(schema).replace("ready: READY", "ready: DONE"));
        assertRefused(file, "table " + schema + ".\"Collection\" column status: enum " + schema
                + ".\"CollectionStatus\" has no label 'DONE' (tables.study_collections.status.words.ready): map it "
                + "to one of [DRAFT, GENERATING, READY, FAILED] or ALTER TYPE \"" + schema
                + "\".\"CollectionStatus\" ADD VALUE 'DONE'");
    }

    @Test
    void anInsertedIdWithoutDefaultNeedsGenerate() throws IOException {
        Path file = write(PrismaStudySchema.mapping(schema).replace(
                "table: '\"Flashcard\"'\n    id: { column: id, type: text, generate: uuid }",
                "table: '\"Flashcard\"'\n    id: { column: id, type: text }"));
        assertRefused(file, "table " + schema + ".\"Flashcard\" column id has no default and the worker inserts "
                + "rows: set tables.flashcards.id.generate: uuid, or give the column a default");
    }

    /** check and run both exit 5 naming the problem, and run leaves a pending job unclaimed. */
    private void assertRefused(Path file, String problem) {
        FamilyCli.Result check = cli("check", "--app-mapping=" + file);
        assertThat(check.exit()).as(check.toString()).isEqualTo(ExitCodes.SCHEMA_OUTDATED);
        assertThat(check.out()).contains(problem);

        JobsTable jobs = new JobsTable(DB);
        long job = jobs.enqueue(NewJob.of("collections", "collection.generate", "{\"collectionId\": \"clx1\"}"));
        FamilyCli.Result run = cli("run", "--app-mapping=" + file, "--http-port=-1", "--startup-timeout=5s",
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

    private static FamilyCli.Result cli(String... args) {
        return FamilyCli.run(new CollectionsFamily(), DB.config(), args);
    }
}
