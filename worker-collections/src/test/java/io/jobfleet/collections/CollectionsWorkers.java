package io.jobfleet.collections;

import static org.awaitility.Awaitility.await;

import io.jobfleet.db.JobRow;
import io.jobfleet.engine.JobHandler;
import io.jobfleet.family.FamilyRuntime;
import io.jobfleet.mapping.AppMapping;
import io.jobfleet.testing.JobsTable;
import io.jobfleet.testing.TestDatabase;
import io.jobfleet.testing.TestWorkers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Set;

/** In-process collections workers built through {@link CollectionsFamily}, and waiting on their jobs. */
public final class CollectionsWorkers implements AutoCloseable {
    private static final Set<String> FINISHED = Set.of("completed", "failed", "cancelled");

    private final TestDatabase db;
    private final TestWorkers workers = new TestWorkers();
    private final JobsTable jobs;

    public CollectionsWorkers(TestDatabase db) {
        this.db = db;
        this.jobs = new JobsTable(db);
    }

    /** Starts one worker of the family with {@code settings}. */
    public CollectionsWorkers start(SimulatedLlm llm, CollectionSettings settings) {
        return start(llm, settings, null);
    }

    /** Starts one worker of the family on the app tables of {@code mapping} (null: the reference tables). */
    public CollectionsWorkers start(SimulatedLlm llm, CollectionSettings settings, AppMapping mapping) {
        CollectionsFamily family = new CollectionsFamily(CollectionsOptions.of(settings));
        FamilyRuntime runtime = new FamilyRuntime(db.db(), new SimpleMeterRegistry(), "test", llm.client(), mapping);
        workers.start(db.db(), TestWorkers.config(family.queue()),
                family.handlers(runtime).toArray(JobHandler<?>[]::new));
        return this;
    }

    public long enqueue(String payload) {
        return jobs.enqueue("collections", "collection.generate", payload);
    }

    public long generate(long collectionId) {
        return enqueue("{\"collection_id\": " + collectionId + "}");
    }

    /** Waits until the job is completed, failed or cancelled, and returns it. */
    public JobRow awaitFinished(long jobId) {
        await().atMost(Duration.ofSeconds(60)).until(() -> FINISHED.contains(jobs.get(jobId).status()));
        return jobs.get(jobId);
    }

    @Override
    public void close() {
        workers.close();
    }
}
