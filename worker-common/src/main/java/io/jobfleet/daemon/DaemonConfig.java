package io.jobfleet.daemon;

import io.jobfleet.config.DbConfig;
import io.jobfleet.config.EngineConfig;
import io.jobfleet.config.HttpConfig;
import io.jobfleet.config.RetentionConfig;
import io.jobfleet.family.WorkerFamily;
import io.jobfleet.llm.LlmConfig;

/** Everything a worker process is started with. */
public record DaemonConfig(WorkerFamily family, EngineConfig engine, DbConfig db, HttpConfig http,
                           RetentionConfig retention, LlmConfig llm) {
}
