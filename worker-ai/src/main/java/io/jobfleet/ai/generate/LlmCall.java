package io.jobfleet.ai.generate;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.llm.Cancellation;
import io.jobfleet.llm.ChatMessage;
import io.jobfleet.llm.ChatRequest;
import io.jobfleet.llm.ChatResponse;
import io.jobfleet.llm.LlmClient;
import io.jobfleet.llm.LlmException;
import io.jobfleet.llm.ResponseSchema;
import io.jobfleet.llm.Structured;
import java.util.List;

/**
 * Asks the LLM what an {@code ai.generate} payload asks, as its {@link CallPlan} allows: a text
 * answer, or JSON constrained by the payload's schema. Failures come out as {@link LlmException}s,
 * which know what the call cost; the handler settles the reservation and turns them into the
 * engine's typed job failures.
 */
final class LlmCall {
    private final LlmClient llm;

    LlmCall(LlmClient llm) {
        this.llm = llm;
    }

    GenerateResult run(GeneratePayload payload, CallPlan plan, Cancellation cancellation) throws LlmException {
        ChatRequest request = request(payload, plan);
        if (payload.structured()) {
            ResponseSchema schema = ResponseSchema.of(payload.schemaName(), payload.responseSchema());
            Structured<JsonNode> answer = llm.chatStructured(request, schema, JsonNode.class, cancellation);
            return new GenerateResult(answer.value(), answer.model(),
                    GenerateResult.TokenUsage.of(answer.usage()), answer.finishReason());
        }
        ChatResponse answer = llm.chat(request, cancellation);
        return new GenerateResult(answer.content(), answer.model(),
                GenerateResult.TokenUsage.of(answer.usage()), answer.finishReason());
    }

    static ChatRequest request(GeneratePayload payload, CallPlan plan) {
        ChatRequest request;
        if (payload.prompt() != null) {
            request = payload.system() == null ? ChatRequest.user(payload.prompt())
                    : ChatRequest.of(payload.system(), payload.prompt());
        } else {
            List<ChatMessage> messages = payload.messages().stream()
                    .map(m -> new ChatMessage(m.role(), m.content())).toList();
            request = ChatRequest.of(messages);
        }
        return request.withModel(plan.model())
                .withTemperature(payload.temperature())
                .withMaxTokens(plan.maxTokens());
    }
}
