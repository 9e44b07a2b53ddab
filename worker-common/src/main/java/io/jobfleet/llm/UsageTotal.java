package io.jobfleet.llm;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Tokens used by all LLM calls of one attempt, as a handler reports them in the job's result. */
public record UsageTotal(@JsonProperty("calls") int calls,
                         @JsonProperty("prompt_tokens") long promptTokens,
                         @JsonProperty("completion_tokens") long completionTokens,
                         @JsonProperty("total_tokens") long totalTokens) {
    public static final UsageTotal ZERO = new UsageTotal(0, 0, 0, 0);

    public UsageTotal plus(Usage usage) {
        Usage u = usage == null ? Usage.NONE : usage;
        return new UsageTotal(calls + 1, promptTokens + u.promptTokens(), completionTokens + u.completionTokens(),
                totalTokens + u.totalTokens());
    }
}
