package io.jobfleet.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.engine.JobContext;
import io.jobfleet.engine.JobFailure;
import io.jobfleet.engine.JobHandler;
import io.jobfleet.engine.JobOutcome;
import org.jdbi.v3.core.Handle;

/** A handler made from a lambda, for tests. */
public final class TestHandler<P> implements JobHandler<P> {
    /** The body of a test handler. */
    @FunctionalInterface
    public interface Body<P> {
        JobOutcome handle(P payload, JobContext context) throws Exception;
    }

    /** The failure writes of a test handler ({@link JobHandler#onFailed}). */
    @FunctionalInterface
    public interface OnFailed {
        void onFailed(JsonNode payload, JobFailure failure, Handle handle) throws Exception;
    }

    private final String kind;
    private final Class<P> type;
    private final Body<P> body;
    private final OnFailed onFailed;

    private TestHandler(String kind, Class<P> type, Body<P> body, OnFailed onFailed) {
        this.kind = kind;
        this.type = type;
        this.body = body;
        this.onFailed = onFailed;
    }

    /** This handler, with {@code writes} as its failure writes. */
    public TestHandler<P> onFailed(OnFailed writes) {
        return new TestHandler<>(kind, type, body, writes);
    }

    public static <P> TestHandler<P> of(String kind, Class<P> type, Body<P> body) {
        return new TestHandler<>(kind, type, body, null);
    }

    public static TestHandler<JsonNode> json(String kind, Body<JsonNode> body) {
        return new TestHandler<>(kind, JsonNode.class, body, null);
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public Class<P> payloadType() {
        return type;
    }

    @Override
    public JobOutcome handle(P payload, JobContext context) throws Exception {
        return body.handle(payload, context);
    }

    @Override
    public void onFailed(JsonNode payload, JobFailure failure, Handle handle) throws Exception {
        if (onFailed != null) {
            onFailed.onFailed(payload, failure, handle);
        }
    }
}
