package io.jobfleet.collections;

import io.jobfleet.db.NewJob;
import io.jobfleet.llm.sim.testing.SimulatedLlm;
import io.jobfleet.testing.FamilyWorkers;
import io.jobfleet.testing.TestDatabase;

/** The collections family's additions to the shared harness: its workers and its jobs. */
public final class CollectionJobs {
    private CollectionJobs() {
    }

    /** Workers of the family with {@code settings}, calling the simulator (start them with {@code start()}). */
    public static FamilyWorkers workers(TestDatabase db, SimulatedLlm llm, CollectionSettings settings) {
        return new FamilyWorkers(db, () -> new CollectionsFamily(CollectionsOptions.of(settings)), llm::client);
    }

    /** A {@code collection.generate} job for {@code collectionId}. */
    public static NewJob generate(long collectionId) {
        return generate("{\"collection_id\": " + collectionId + "}");
    }

    /** A {@code collection.generate} job with {@code payload} as is. */
    public static NewJob generate(String payload) {
        return NewJob.of("collections", "collection.generate", payload);
    }
}
