package io.jobfleet.documents.llm;

import io.jobfleet.engine.JobContext;
import io.jobfleet.engine.JobException;
import io.jobfleet.engine.JobLostException;
import io.jobfleet.llm.ChatRequest;
import io.jobfleet.llm.LlmClient;
import io.jobfleet.llm.LlmException;
import io.jobfleet.llm.ResponseSchema;
import io.jobfleet.llm.Structured;
import java.util.Objects;

/**
 * One kind of structured question to the LLM: a system prompt, a schema and the record the answer
 * is read into. Each call is cancelled when the attempt is interrupted, and a failed call comes
 * out as the engine's typed failure (rate limited and overloaded retry, auth and quota fail, ...).
 */
public final class StructuredCall<T> {
    private final LlmClient llm;
    private final String systemPrompt;
    private final ResponseSchema schema;
    private final Class<T> type;

    public StructuredCall(LlmClient llm, String systemPrompt, ResponseSchema schema, Class<T> type) {
        this.llm = Objects.requireNonNull(llm, "llm");
        this.systemPrompt = Objects.requireNonNull(systemPrompt, "systemPrompt");
        this.schema = Objects.requireNonNull(schema, "schema");
        this.type = Objects.requireNonNull(type, "type");
    }

    /** Asks {@code userMessage}; first checks that this worker still holds the job. */
    public Structured<T> ask(String userMessage, JobContext ctx) throws JobException, JobLostException {
        ctx.checkHeld();
        try {
            return llm.chatStructured(ChatRequest.of(systemPrompt, userMessage), schema, type, ctx::onInterrupt);
        } catch (LlmException e) {
            throw e.toJobException();
        }
    }
}
