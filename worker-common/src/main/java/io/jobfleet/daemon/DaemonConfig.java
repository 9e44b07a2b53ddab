package io.jobfleet.daemon;

import io.jobfleet.config.DbConfig;
import io.jobfleet.config.EngineConfig;
import io.jobfleet.config.HttpConfig;
import io.jobfleet.config.RetentionConfig;
import io.jobfleet.family.WorkerFamily;
import io.jobfleet.llm.LlmConfig;
import io.jobfleet.tracing.TracingConfig;

/** Everything a worker process is started with. */
public record DaemonConfig(WorkerFamily family, EngineConfig engine, DbConfig db, HttpConfig http,
                           RetentionConfig retention, LlmConfig llm, TracingConfig tracing) {

    /** Without traces. */
    public DaemonConfig(WorkerFamily family, EngineConfig engine, DbConfig db, HttpConfig http,
                        RetentionConfig retention, LlmConfig llm) {
        this(family, engine, db, http, retention, llm, TracingConfig.OFF);
    }
}
