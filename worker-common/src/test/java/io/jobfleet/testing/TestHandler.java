package io.jobfleet.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.engine.JobContext;
import io.jobfleet.engine.JobHandler;
import io.jobfleet.engine.JobOutcome;

/** A handler made from a lambda, for tests. */
public final class TestHandler<P> implements JobHandler<P> {
    /** The body of a test handler. */
    @FunctionalInterface
    public interface Body<P> {
        JobOutcome handle(P payload, JobContext context) throws Exception;
    }

    private final String kind;
    private final Class<P> type;
    private final Body<P> body;

    private TestHandler(String kind, Class<P> type, Body<P> body) {
        this.kind = kind;
        this.type = type;
        this.body = body;
    }

    public static <P> TestHandler<P> of(String kind, Class<P> type, Body<P> body) {
        return new TestHandler<>(kind, type, body);
    }

    public static TestHandler<JsonNode> json(String kind, Body<JsonNode> body) {
        return new TestHandler<>(kind, JsonNode.class, body);
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
}
