package io.jobfleet.engine;

import io.jobfleet.config.EngineConfig;
import io.jobfleet.db.Database;
import io.jobfleet.db.DatabaseHealth;
import io.jobfleet.metrics.JobMetrics;

/** What every part of one worker process shares. */
public record WorkerRuntime(String workerId, EngineConfig config, Database db, DatabaseHealth health,
                            JobMetrics metrics) {
}
