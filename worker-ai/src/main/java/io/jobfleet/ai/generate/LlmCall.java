package io.jobfleet.ai.generate;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.engine.JobException;
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
 * Asks the LLM what an {@code ai.generate} payload asks: a text answer, or JSON constrained by the
 * payload's schema. LLM failures come out as the engine's typed job failures, with messages the
 * app's user can read.
 */
final class LlmCall {
    private final LlmClient llm;

    LlmCall(LlmClient llm) {
        this.llm = llm;
    }

    GenerateResult run(GeneratePayload payload, Cancellation cancellation) throws JobException {
        ChatRequest request = request(payload);
        try {
            if (payload.structured()) {
                ResponseSchema schema = ResponseSchema.of(payload.schemaName(), payload.responseSchema());
                Structured<JsonNode> answer = llm.chatStructured(request, schema, JsonNode.class, cancellation);
                return new GenerateResult(answer.value(), answer.model(),
                        GenerateResult.TokenUsage.of(answer.usage()), answer.finishReason());
            }
            ChatResponse answer = llm.chat(request, cancellation);
            return new GenerateResult(answer.content(), answer.model(),
                    GenerateResult.TokenUsage.of(answer.usage()), answer.finishReason());
        } catch (LlmException e) {
            throw e.toJobException();
        }
    }

    static ChatRequest request(GeneratePayload payload) {
        ChatRequest request;
        if (payload.prompt() != null) {
            request = payload.system() == null ? ChatRequest.user(payload.prompt())
                    : ChatRequest.of(payload.system(), payload.prompt());
        } else {
            List<ChatMessage> messages = payload.messages().stream()
                    .map(m -> new ChatMessage(m.role(), m.content())).toList();
            request = ChatRequest.of(messages);
        }
        return request.withModel(payload.model())
                .withTemperature(payload.temperature())
                .withMaxTokens(payload.maxTokens());
    }
}
