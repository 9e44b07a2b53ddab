package io.jobfleet.family;

import io.jobfleet.db.Database;
import io.micrometer.core.instrument.MeterRegistry;

/** What a family's handlers may use in one worker process. */
public record FamilyRuntime(Database db, MeterRegistry meters, String workerId) {
}
