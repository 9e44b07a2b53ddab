package io.jobfleet.ai.generate;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.jobfleet.llm.Usage;

/**
 * The {@code result} of a completed {@code ai.generate} job.
 *
 * @param answer the text, or the parsed JSON when the payload had a {@code response_schema}
 * @param model the model that answered, as the provider names it
 * @param finishReason why the answer stopped: {@code stop}, {@code length} (cut off by {@code max_tokens}), ...
 */
public record GenerateResult(
        @JsonProperty("answer") Object answer,
        @JsonProperty("model") String model,
        @JsonProperty("usage") TokenUsage usage,
        @JsonProperty("finish_reason") String finishReason) {

    /** Tokens the call consumed, as the provider reported them. */
    public record TokenUsage(
            @JsonProperty("prompt_tokens") int promptTokens,
            @JsonProperty("completion_tokens") int completionTokens,
            @JsonProperty("total_tokens") int totalTokens) {

        static TokenUsage of(Usage usage) {
            Usage u = usage == null ? Usage.NONE : usage;
            return new TokenUsage(u.promptTokens(), u.completionTokens(), u.totalTokens());
        }
    }
}
