package io.jobfleet.fleet.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobfleet.ai.AiFamily;
import io.jobfleet.collections.CollectionsFamily;
import io.jobfleet.config.DbConfig;
import io.jobfleet.config.Secret;
import io.jobfleet.db.Database;
import io.jobfleet.db.Migrations;
import io.jobfleet.db.NewJob;
import io.jobfleet.documents.DocumentsFamily;
import io.jobfleet.family.WorkerFamily;
import io.jobfleet.llm.sim.LlmSimulator;
import io.jobfleet.llm.sim.SimulatorConfig;
import io.jobfleet.testing.JobsTable;
import io.jobfleet.testing.TestDatabase;
import io.jobfleet.testing.WorkerProcess;
import io.jobfleet.text.samples.SampleDocuments;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A worker-documents JVM connected as a member of the least-privilege role of
 * {@code deploy/sql/worker-role.sql} does its work, and that role cannot touch other tables; the
 * app's role of {@code deploy/sql/app-role.sql} can cancel a started job.
 */
class WorkerRoleTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    private static final String LOGIN = "jobfleet_worker_test_login";
    private static final String APP_LOGIN = "jobfleet_app_test_login";

    @BeforeAll
    static void rolesFromTheDeploymentScripts() throws Exception {
        Migrations m = new Migrations(DB.db().dataSource(), DB.config().schema());
        for (WorkerFamily f : List.<WorkerFamily>of(new AiFamily(), new DocumentsFamily(), new CollectionsFamily())) {
            m.migrateAppSchema(f.name(), f.appSchemaLocation().orElseThrow(), DB.config().appSchema());
        }
        DB.db().jdbi().useHandle(h -> {
            h.execute("CREATE TABLE secrets (id int, value text)");
            h.execute("INSERT INTO secrets VALUES (1, 'not for workers')");
        });
        psql("-v", "jobfleet_schema=" + DB.config().schema(), "-v", "app_schema=" + DB.config().appSchema(),
                "-f", repoFile("deploy/sql/worker-role.sql").toString());
        DB.db().jdbi().useHandle(h -> h.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '"
                + LOGIN + "') THEN CREATE ROLE " + LOGIN + " LOGIN IN ROLE jobfleet_worker; END IF; END $$"));
        psql("-v", "jobfleet_schema=" + DB.config().schema(), "-v", "app_schema=" + DB.config().appSchema(),
                "-f", repoFile("deploy/sql/app-role.sql").toString());
        DB.db().jdbi().useHandle(h -> h.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '"
                + APP_LOGIN + "') THEN CREATE ROLE " + APP_LOGIN + " LOGIN IN ROLE jobfleet_app; END IF; END $$"));
    }

    @Test
    void theAppRoleCancelsAStartedJobAndFlagsItsFailureWrites() {
        long id = new JobsTable(DB).enqueue(NewJob.of("nobody", "k", "{}"));
        DB.db().jdbi().useHandle(h -> h.execute("UPDATE \"" + DB.config().schema()
                + "\".jobs SET status = 'running', attempts = 1 WHERE id = ?", id));
        DbConfig asApp = new DbConfig(DB.config().url(), APP_LOGIN, Secret.empty(), DB.config().schema(),
                DB.config().appSchema(), 2);
        try (Database app = Database.open(asApp, "app-probe")) {
            assertThat(app.queue().cancel(id)).isTrue();
        }
        boolean owed = DB.db().jdbi().withHandle(h -> h.createQuery("SELECT failure_writes_pending FROM \""
                + DB.config().schema() + "\".jobs WHERE id = :id").bind("id", id).mapTo(Boolean.class).one());
        assertThat(owed).isTrue();
    }

    @Test
    void theWorkerRoleDoesItsWorkAndNothingElse() throws Exception {
        DbConfig asWorker = new DbConfig(DB.config().url(), LOGIN, Secret.empty(), DB.config().schema(),
                DB.config().appSchema(), 4);
        long invoice = DB.db().jdbi().withHandle(h -> h.createQuery("INSERT INTO invoices (user_id, file_name, content, "
                        + "content_type) VALUES ('u1', 'invoice.txt', :c, 'text/plain') RETURNING id")
                .bind("c", SampleDocuments.invoiceText().getBytes(StandardCharsets.UTF_8)).mapTo(Long.class).one());
        long doc = DB.db().jdbi().withHandle(h -> h.createQuery("INSERT INTO documents (user_id, file_name, content, "
                        + "content_type) VALUES ('u1', 'spec.pdf', :c, 'application/pdf') RETURNING id")
                .bind("c", SampleDocuments.pdf(SampleDocuments.requirementsSpecification())).mapTo(Long.class).one());
        JobsTable jobs = new JobsTable(DB);
        long invoiceJob = jobs.enqueue(NewJob.of("documents", "invoice.process", "{\"invoice_id\": " + invoice + "}"));
        long docJob = jobs.enqueue(NewJob.of("documents", "document.extract_requirements", "{\"document_id\": " + doc + "}"));

        try (LlmSimulator sim = new LlmSimulator(SimulatorConfig.ephemeral()).start();
             WorkerProcess worker = WorkerProcess.start("role-documents", "io.jobfleet.documents.Main", asWorker,
                     List.of("run", "--llm-base-url=" + sim.baseUrl()))) {
            worker.awaitOutput(" started", Duration.ofSeconds(60));
            await().atMost(Duration.ofSeconds(90)).until(() ->
                    jobs.get(invoiceJob).status().equals("completed") && jobs.get(docJob).status().equals("completed"));
            assertThat(worker.output()).doesNotContain("permission denied");
        }
        long requirements = DB.db().jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM requirements WHERE document_id = :d").bind("d", doc).mapTo(Long.class).one());
        assertThat(requirements).isPositive();

        try (Database w = Database.open(asWorker, "role-probe")) {
            List<String> allowed = new ArrayList<>();
            for (String forbidden : List.of("SELECT * FROM secrets", "DELETE FROM documents",
                    "UPDATE documents SET file_name = 'x'", "DELETE FROM invoices", "CREATE TABLE mine (id int)",
                    "DROP TABLE \"" + DB.config().schema() + "\".jobs", "TRUNCATE requirements")) {
                try {
                    w.jdbi().useHandle(h -> h.execute(forbidden));
                    allowed.add(forbidden);
                } catch (UnableToExecuteStatementException e) {
                    assertThat(e).as(forbidden).hasMessageMatching("(?s).*(permission denied|must be owner).*");
                }
            }
            assertThat(allowed).as("statements the worker role must not be able to run").isEmpty();
            long visible = w.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM \"" + DB.config().schema()
                    + "\".jobs WHERE queue = 'documents'").mapTo(Long.class).one());
            assertThat(visible).isEqualTo(2);
        }
    }

    private static void psql(String... args) throws IOException, InterruptedException {
        URI uri = URI.create(DB.config().url().substring("jdbc:".length()));
        List<String> cmd = new ArrayList<>(List.of("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", uri.getHost(),
                "-p", Integer.toString(uri.getPort()), "-U", DB.config().user(), "-d", uri.getPath().substring(1)));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (!DB.config().password().isEmpty()) {
            pb.environment().put("PGPASSWORD", DB.config().password().reveal());
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("psql " + String.join(" ", args) + ":\n" + out).isZero();
    }

    private static Path repoFile(String relative) {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(relative))) {
                return p.resolve(relative);
            }
        }
        throw new IllegalStateException(relative + " not found above " + Path.of("").toAbsolutePath());
    }
}
