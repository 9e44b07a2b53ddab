package io.jobfleet.documents.testing;

import static org.awaitility.Awaitility.await;

import io.jobfleet.config.EngineConfig;
import io.jobfleet.config.Secret;
import io.jobfleet.db.JobRow;
import io.jobfleet.db.Migrations;
import io.jobfleet.db.NewJob;
import io.jobfleet.documents.DocumentsFamily;
import io.jobfleet.documents.config.DocumentsSettings;
import io.jobfleet.engine.JobHandler;
import io.jobfleet.family.FamilyRuntime;
import io.jobfleet.llm.LlmConfig;
import io.jobfleet.llm.sim.LlmSimulator;
import io.jobfleet.llm.sim.SimulatorConfig;
import io.jobfleet.llm.sim.testing.SimulatedLlm;
import io.jobfleet.testing.JobsTable;
import io.jobfleet.testing.TestDatabase;
import io.jobfleet.testing.TestWorkers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The documents family against a real database: the reference app tables, the LLM simulator on
 * loopback, a real LLM client and an in-process worker of queue {@code documents}.
 */
public final class DocumentsTestBed implements AutoCloseable {
    public static final String QUEUE = "documents";
    private static final Set<String> FINISHED = Set.of("completed", "failed", "cancelled");

    private final TestDatabase db;
    private final SimulatedLlm llm;
    private final TestWorkers workers = new TestWorkers();
    private final JobsTable jobs;
    private final AppTables app;

    private DocumentsTestBed(TestDatabase db, SimulatedLlm llm) {
        this.db = db;
        this.llm = llm;
        this.jobs = new JobsTable(db);
        this.app = new AppTables(db.db().jdbi());
    }

    /** Creates the app tables and starts the simulator and one worker with {@code settings}. */
    public static DocumentsTestBed start(TestDatabase db, DocumentsSettings settings) {
        return start(db, settings, c -> c);
    }

    public static DocumentsTestBed start(TestDatabase db, DocumentsSettings settings, UnaryOperator<EngineConfig> engine) {
        new Migrations(db.db().dataSource(), db.config().schema())
                .migrateAppSchema("documents", "classpath:db/app/documents", db.config().appSchema());
        SimulatedLlm llm = new SimulatedLlm(SimulatorConfig.ephemeral(),
                c -> LlmConfig.defaults(c.baseUrl(), Secret.empty()).withRetries(0, Duration.ZERO)).start();
        DocumentsTestBed bed = new DocumentsTestBed(db, llm);
        List<JobHandler<?>> handlers = DocumentsFamily.handlers(
                new FamilyRuntime(db.db(), new SimpleMeterRegistry(), "test-documents", llm.client()), settings);
        bed.workers.start(db.db(), engine.apply(TestWorkers.config(QUEUE)), handlers.toArray(JobHandler<?>[]::new));
        return bed;
    }

    public AppTables app() {
        return app;
    }

    public JobsTable jobs() {
        return jobs;
    }

    public LlmSimulator sim() {
        return llm.simulator();
    }

    public long enqueue(String kind, String payload) {
        return jobs.enqueue(NewJob.of(QUEUE, kind, payload));
    }

    public long enqueue(NewJob job) {
        return jobs.enqueue(job);
    }

    /** Waits until the job is completed, failed or cancelled, and returns it. */
    public JobRow awaitFinished(long jobId) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> FINISHED.contains(jobs.get(jobId).status()));
        return jobs.get(jobId);
    }

    /** Cancels a job the way the app does: {@code SELECT jobfleet.cancel(id)}. */
    public boolean cancel(long jobId) {
        return db.db().jdbi().withHandle(h -> h.createQuery("SELECT \"" + db.config().schema() + "\".cancel(:id)")
                .bind("id", jobId).mapTo(Boolean.class).one());
    }

    @Override
    public void close() {
        try {
            workers.close();
        } finally {
            llm.close();
        }
    }
}
