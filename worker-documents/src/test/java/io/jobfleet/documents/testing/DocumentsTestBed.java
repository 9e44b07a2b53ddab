package io.jobfleet.documents.testing;

import io.jobfleet.config.EngineConfig;
import io.jobfleet.config.Secret;
import io.jobfleet.db.JobRow;
import io.jobfleet.db.NewJob;
import io.jobfleet.documents.DocumentsFamily;
import io.jobfleet.documents.config.DocumentsOptions;
import io.jobfleet.documents.config.DocumentsSettings;
import io.jobfleet.llm.LlmConfig;
import io.jobfleet.llm.sim.LlmSimulator;
import io.jobfleet.mapping.AppMapping;
import io.jobfleet.llm.sim.SimulatorConfig;
import io.jobfleet.llm.sim.testing.SimulatedLlm;
import io.jobfleet.testing.FamilyWorkers;
import io.jobfleet.testing.JobsTable;
import io.jobfleet.testing.TestDatabase;
import java.time.Duration;
import java.time.InstantSource;
import java.util.function.UnaryOperator;

/**
 * The documents family on the shared harness: the simulator and a client without in-call retries
 * ({@link SimulatedLlm}), one in-process worker of queue {@code documents} ({@link FamilyWorkers},
 * which also creates the reference app tables), and access to those tables ({@link AppTables}).
 */
public final class DocumentsTestBed implements AutoCloseable {
    public static final String QUEUE = "documents";

    private final SimulatedLlm llm;
    private final FamilyWorkers workers;
    private final AppTables app;

    private DocumentsTestBed(TestDatabase db, SimulatedLlm llm, FamilyWorkers workers) {
        this.llm = llm;
        this.workers = workers;
        this.app = new AppTables(db.db().jdbi(), db.config().appSchema());
    }

    /** Creates the app tables and starts the simulator and one worker with {@code settings}. */
    public static DocumentsTestBed start(TestDatabase db, DocumentsSettings settings) {
        return start(db, settings, c -> c);
    }

    public static DocumentsTestBed start(TestDatabase db, DocumentsSettings settings, UnaryOperator<EngineConfig> engine) {
        return start(db, settings, engine, null, InstantSource.system());
    }

    /** A worker whose leases, heartbeats, rescues, retries and timeouts run on {@code clock} (a {@code TestClock}). */
    public static DocumentsTestBed start(TestDatabase db, DocumentsSettings settings, UnaryOperator<EngineConfig> engine,
                                         InstantSource clock) {
        return start(db, settings, engine, null, clock);
    }

    /** A worker on the app tables of {@code mapping} (null: the reference tables in the app schema). */
    public static DocumentsTestBed start(TestDatabase db, DocumentsSettings settings, AppMapping mapping) {
        return start(db, settings, c -> c, mapping, InstantSource.system());
    }

    private static DocumentsTestBed start(TestDatabase db, DocumentsSettings settings, UnaryOperator<EngineConfig> engine,
                                          AppMapping mapping, InstantSource clock) {
        SimulatedLlm llm = new SimulatedLlm(SimulatorConfig.ephemeral(),
                c -> LlmConfig.defaults(c.baseUrl(), Secret.empty()).withRetries(0, Duration.ZERO)).start();
        FamilyWorkers workers = new FamilyWorkers(db, () -> new DocumentsFamily(DocumentsOptions.of(settings)),
                llm::client).withEngine(engine).withMapping(mapping).withClock(clock);
        try {
            workers.start();
        } catch (RuntimeException e) {
            llm.close();
            throw e;
        }
        return new DocumentsTestBed(db, llm, workers);
    }

    public AppTables app() {
        return app;
    }

    public JobsTable jobs() {
        return workers.jobs();
    }

    public LlmSimulator sim() {
        return llm.simulator();
    }

    public long enqueue(String kind, String payload) {
        return workers.enqueue(kind, payload);
    }

    public long enqueue(NewJob job) {
        return workers.enqueue(job);
    }

    /** Waits until the job is completed, failed or cancelled, and returns it. */
    public JobRow awaitFinished(long jobId) {
        return workers.awaitFinished(jobId);
    }

    /** Cancels a job the way the app does: {@code SELECT jobfleet.cancel(id)}. */
    public boolean cancel(long jobId) {
        return workers.cancel(jobId);
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
