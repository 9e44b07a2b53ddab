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
import io.jobfleet.mapping.AppMapping;
import io.jobfleet.mapping.CatalogCheck;
import io.jobfleet.messages.ConversationOrder;
import io.jobfleet.messages.MessagesFamily;
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
import java.util.Map;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The roles of {@code deploy/sql/worker-role.sql}: a worker JVM of each family, connected as a
 * member of its family role, passes the catalog check before its first claim and completes its
 * jobs; each family role can touch only its own tables and only the columns it writes; the
 * all-families role {@code jobfleet_worker} of earlier releases still fits every family.
 */
class WorkerRoleTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    private static final List<WorkerFamily> FAMILIES = List.of(new AiFamily(), new DocumentsFamily(),
            new CollectionsFamily(), new MessagesFamily());
    private static final String ALL_FAMILIES_LOGIN = "jobfleet_worker_test_login";
    private static final String APP_LOGIN = "jobfleet_app_test_login";

    @BeforeAll
    static void rolesFromTheDeploymentScripts() throws Exception {
        Migrations m = new Migrations(DB.db().dataSource(), DB.config().schema());
        for (WorkerFamily f : FAMILIES) {
            m.migrateAppSchema(f.name(), f.appSchemaLocation().orElseThrow(), DB.config().appSchema());
        }
        inApp(DB.db(), h -> {
            h.execute("CREATE TABLE IF NOT EXISTS secrets (id int, value text)");
            return h.execute("INSERT INTO secrets VALUES (1, 'not for workers')");
        });
        psql("-v", "jobfleet_schema=" + DB.config().schema(), "-v", "app_schema=" + DB.config().appSchema(),
                "-f", repoFile("deploy/sql/worker-role.sql").toString());
        // set once by the owner: a worker role may only read key rules
        ConversationOrder.ensure(DB.db().admin().flow(), "owner");
        createLogin(ALL_FAMILIES_LOGIN, "jobfleet_worker");
        for (WorkerFamily f : FAMILIES) {
            createLogin(login(f), "jobfleet_worker_" + f.name());
        }
    }

    @Test
    void theAppRoleCancelsAStartedJobAndFlagsItsFailureWrites() throws Exception {
        psql("-v", "jobfleet_schema=" + DB.config().schema(), "-v", "app_schema=" + DB.config().appSchema(),
                "-f", repoFile("deploy/sql/app-role.sql").toString());
        createLogin(APP_LOGIN, "jobfleet_app");
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
        assertThat(owed).as("a cancel after an attempt started owes the family's failure writes").isTrue();
    }

    @Test
    void aWorkerOfEachFamilyRunsAsAMemberOfItsFamilyRole() throws Exception {
        JobsTable jobs = new JobsTable(DB);
        long invoice = inApp(DB.db(), h -> h.createQuery("INSERT INTO invoices (user_id, file_name, content, "
                        + "content_type) VALUES ('u1', 'invoice.txt', :c, 'text/plain') RETURNING id")
                .bind("c", SampleDocuments.invoiceText().getBytes(StandardCharsets.UTF_8)).mapTo(Long.class).one());
        long doc = inApp(DB.db(), h -> h.createQuery("INSERT INTO documents (user_id, file_name, content, "
                        + "content_type) VALUES ('u1', 'spec.pdf', :c, 'application/pdf') RETURNING id")
                .bind("c", SampleDocuments.pdf(SampleDocuments.requirementsSpecification())).mapTo(Long.class).one());
        long collection = inApp(DB.db(), h -> h.createQuery("INSERT INTO study_collections (user_id, title, "
                + "target_flashcards, target_questions) VALUES ('u1', 'Notes', 4, 2) RETURNING id").mapTo(Long.class).one());
        inApp(DB.db(), h -> h.createUpdate("INSERT INTO collection_sources (collection_id, position, kind, text) "
                + "VALUES (:c, 1, 'text', :t)").bind("c", collection).bind("t", SampleDocuments.studyText()).execute());
        List<Long> ids = List.of(
                jobs.enqueue(NewJob.of("documents", "invoice.process", "{\"invoice_id\": " + invoice + "}")),
                jobs.enqueue(NewJob.of("documents", "document.extract_requirements", "{\"document_id\": " + doc + "}")),
                jobs.enqueue(NewJob.of("collections", "collection.generate", "{\"collection_id\": " + collection + "}")),
                jobs.enqueue(NewJob.of("ai", "ai.generate", "{\"user_id\": \"u1\", \"prompt\": \"Hello\"}")));

        List<WorkerProcess> workers = new ArrayList<>();
        try (LlmSimulator sim = new LlmSimulator(SimulatorConfig.ephemeral()).start()) {
            try {
                for (WorkerFamily f : FAMILIES) {
                    workers.add(WorkerProcess.start("role-" + f.name(), "io.jobfleet." + f.name() + ".Main",
                            asLogin(login(f)), List.of("run", "--llm-base-url=" + sim.baseUrl())));
                }
                for (WorkerProcess w : workers) {
                    w.awaitOutput(" started", Duration.ofSeconds(90)); // after the catalog check passed
                }
                await().atMost(Duration.ofSeconds(120)).until(() ->
                        ids.stream().allMatch(id -> jobs.get(id).status().equals("completed")));
                for (WorkerProcess w : workers) {
                    assertThat(w.output()).doesNotContain("permission denied").doesNotContain(" lacks ");
                }
            } finally {
                for (WorkerProcess w : workers) {
                    w.close();
                }
            }
        }
        long requirements = inApp(DB.db(), h -> h.createQuery(
                "SELECT count(*) FROM requirements WHERE document_id = :d").bind("d", doc).mapTo(Long.class).one());
        assertThat(requirements).isPositive();
    }

    @Test
    void theCatalogCheckPassesForItsOwnFamilyOnlyAndForTheAllFamiliesRole() {
        for (WorkerFamily f : FAMILIES) {
            for (WorkerFamily other : FAMILIES) {
                List<String> problems = catalogProblems(login(f), other);
                if (other == f) {
                    assertThat(problems).as("%s role, own mapping", f.name()).isEmpty();
                } else {
                    assertThat(problems).as("%s role, %s mapping", f.name(), other.name()).isNotEmpty()
                            .allMatch(p -> p.contains(" lacks "));
                }
            }
            assertThat(catalogProblems(ALL_FAMILIES_LOGIN, f)).as("jobfleet_worker, %s mapping", f.name()).isEmpty();
        }
    }

    @Test
    void eachFamilyRoleTouchesOnlyTheColumnsItWrites() {
        String jobs = "\"" + DB.config().schema() + "\".jobs";
        List<String> everyone = List.of("SELECT * FROM secrets", "CREATE TABLE mine (id int)",
                "CREATE TABLE public.mine (id int)", "DROP TABLE " + jobs, "TRUNCATE " + jobs);
        Map<String, List<String>> forbidden = Map.of(
                "ai", List.of("UPDATE ai_usage_ledger SET user_id = 'x'", "UPDATE ai_token_budgets SET monthly_tokens = 1",
                        "SELECT * FROM documents", "SELECT * FROM study_collections"),
                "documents", List.of("UPDATE documents SET file_name = 'x'", "UPDATE documents SET user_id = 'x'",
                        "UPDATE invoices SET file_name = 'x'", "DELETE FROM documents", "DELETE FROM invoices",
                        "TRUNCATE requirements", "SELECT * FROM ai_usage_ledger", "SELECT * FROM flashcards"),
                "collections", List.of("UPDATE study_collections SET title = 'x'",
                        "UPDATE study_collections SET user_id = 'x'", "UPDATE collection_sources SET text = 'x'",
                        "DELETE FROM study_collections", "SELECT * FROM documents", "SELECT * FROM ai_usage_ledger"),
                "messages", List.of("UPDATE incoming_messages SET body = 'x'",
                        "UPDATE outgoing_messages SET idempotency_key = 'x'", "UPDATE outgoing_messages SET recipient = 'x'",
                        "DELETE FROM outgoing_messages", "DELETE FROM incoming_messages", "SELECT * FROM documents"));
        for (WorkerFamily f : FAMILIES) {
            List<String> statements = new ArrayList<>(everyone);
            statements.addAll(forbidden.get(f.name()));
            try (Database w = Database.open(asLogin(login(f)), "role-probe")) {
                List<String> allowed = new ArrayList<>();
                for (String statement : statements) {
                    try {
                        inApp(w, h -> h.execute(statement));
                        allowed.add(statement);
                    } catch (UnableToExecuteStatementException e) {
                        assertThat(e).as(statement).hasMessageMatching("(?s).*(permission denied|must be owner).*");
                    }
                }
                assertThat(allowed).as("statements the %s role must not be able to run", f.name()).isEmpty();
            }
        }
    }

    private static List<String> catalogProblems(String login, WorkerFamily family) {
        AppMapping mapping = family.appMapping().orElseThrow().load(null, DB.config().appSchema());
        try (Database w = Database.open(asLogin(login), "role-check")) {
            return CatalogCheck.problems(w.jdbi(), mapping);
        }
    }

    /**
     * Runs the test's own SQL with the app schema first on the search_path, for its transaction
     * only: the workers name every app table themselves and set no search_path.
     */
    private static <T> T inApp(Database db, HandleCallback<T, RuntimeException> work) {
        return db.jdbi().inTransaction(h -> {
            h.execute("SET LOCAL search_path TO \"" + DB.config().appSchema() + "\", public");
            return work.withHandle(h);
        });
    }

    private static String login(WorkerFamily f) {
        return "jobfleet_" + f.name() + "_test_login";
    }

    private static DbConfig asLogin(String login) {
        return new DbConfig(DB.config().url(), login, Secret.empty(), DB.config().schema(), DB.config().appSchema(), 4);
    }

    private static void createLogin(String login, String groupRole) {
        DB.db().jdbi().useHandle(h -> h.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '"
                + login + "') THEN CREATE ROLE " + login + " LOGIN IN ROLE " + groupRole + "; END IF; END $$"));
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
