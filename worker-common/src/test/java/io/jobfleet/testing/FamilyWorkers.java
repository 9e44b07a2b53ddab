package io.jobfleet.testing;

import io.jobfleet.config.EngineConfig;
import io.jobfleet.db.JobRow;
import io.jobfleet.db.Migrations;
import io.jobfleet.db.NewJob;
import io.jobfleet.engine.JobHandler;
import io.jobfleet.family.FamilyRuntime;
import io.jobfleet.mapping.AppMapping;
import io.jobfleet.family.WorkerFamily;
import io.jobfleet.llm.LlmClient;
import io.jobfleet.metrics.JobMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.InstantSource;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * In-process workers of one family on a {@link TestDatabase}, built through the family's own
 * {@link WorkerFamily#handlers}, and waiting on their jobs. Per test class, after the database and
 * the LLM it uses ({@code @Order}, as JUnit does not keep the declaration order of extensions):
 *
 * <pre>{@code
 * @RegisterExtension @Order(1) static final TestDatabase DB = new TestDatabase();
 * @RegisterExtension @Order(2) static final SimulatedLlm LLM = new SimulatedLlm();
 * @RegisterExtension @Order(3) static final FamilyWorkers WORKERS = new FamilyWorkers(DB, AiFamily::new, LLM::client);
 * }</pre>
 *
 * <p>Before the worker starts, the family's reference app tables are created in the test's app
 * schema. Also usable without JUnit: {@link #start()} and {@link #close()}.
 */
public final class FamilyWorkers implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

    private final TestDatabase db;
    private final Supplier<? extends WorkerFamily> family;
    private final Supplier<LlmClient> llm;
    private UnaryOperator<EngineConfig> engine = c -> c;
    private MeterRegistry meters = new SimpleMeterRegistry();
    private boolean appTables = true;
    private InstantSource clock = InstantSource.system();
    private AppMapping mapping;
    private final TestWorkers workers = new TestWorkers();
    private final JobsTable jobs;
    private WorkerFamily built;

    /** {@code llm} is asked for the client when the worker starts (it may be started just before). */
    public FamilyWorkers(TestDatabase db, Supplier<? extends WorkerFamily> family, Supplier<LlmClient> llm) {
        this.db = db;
        this.family = family;
        this.llm = llm;
        this.jobs = new JobsTable(db);
    }

    /** Adjusts the {@link TestWorkers#config test engine configuration}; before {@link #start()}. */
    public FamilyWorkers withEngine(UnaryOperator<EngineConfig> adjust) {
        this.engine = adjust;
        return this;
    }

    /** Runs the workers' leases, rescues, retries and timeouts on {@code clock} (a {@link TestClock}); before {@link #start()}. */
    public FamilyWorkers withClock(InstantSource clock) {
        this.clock = clock;
        return this;
    }

    /** Where the workers' and the handlers' meters go; before {@link #start()}. */
    public FamilyWorkers withMeters(MeterRegistry registry) {
        this.meters = registry;
        return this;
    }

    /** Runs the handlers on the app tables of {@code appMapping} (null: the reference tables); before {@link #start()}. */
    public FamilyWorkers withMapping(AppMapping appMapping) {
        this.mapping = appMapping;
        return this;
    }

    /** Starts without creating the family's app tables (to test their absence); before {@link #start()}. */
    public FamilyWorkers withoutAppTables() {
        this.appTables = false;
        return this;
    }

    /** Creates the family's reference app tables in the app schema of {@code db}, if it has any. */
    public static void migrateAppTables(TestDatabase db, WorkerFamily family) {
        family.appSchemaLocation().ifPresent(location -> new Migrations(db.db().dataSource(), db.config().schema())
                .migrateAppSchema(family.name(), location, db.config().appSchema()));
    }

    /** Creates the app tables and starts one worker of the family; returns this. */
    public FamilyWorkers start() {
        WorkerFamily f = family();
        if (appTables) {
            migrateAppTables(db, f);
        }
        FamilyRuntime runtime = new FamilyRuntime(db.db(), meters, "test-" + f.name(), llm.get(), mapping);
        workers.start(db.db(), engine.apply(TestWorkers.config(f.queue())), new JobMetrics(meters), clock,
                f.handlers(runtime).toArray(JobHandler<?>[]::new));
        return this;
    }

    private synchronized WorkerFamily family() {
        if (built == null) {
            built = family.get();
        }
        return built;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    public JobsTable jobs() {
        return jobs;
    }

    /** Enqueues a job of {@code kind} on the family's queue. */
    public long enqueue(String kind, String payload) {
        return jobs.enqueue(NewJob.of(family().queue(), kind, payload));
    }

    public long enqueue(NewJob job) {
        return jobs.enqueue(job);
    }

    /** Waits until the job is completed, failed or cancelled, and returns it. */
    public JobRow awaitFinished(long jobId) {
        return jobs.awaitFinished(jobId);
    }

    /** Cancels a job the way the app does: {@code SELECT jobfleet.cancel(id)}. */
    public boolean cancel(long jobId) {
        return db.db().jdbi().withHandle(h -> h.createQuery("SELECT \"" + db.config().schema() + "\".cancel(:id)")
                .bind("id", jobId).mapTo(Boolean.class).one());
    }

    /** Stops the workers (not the LLM client, which belongs to whoever made it). Idempotent. */
    @Override
    public void close() {
        workers.close();
    }
}
