package io.jobfleet.collections.ai;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.jobfleet.llm.Usage;

/** Tokens spent by all LLM calls of one attempt, as written to the job's result. */
public record UsageTotal(@JsonProperty("calls") int calls,
                         @JsonProperty("prompt_tokens") long promptTokens,
                         @JsonProperty("completion_tokens") long completionTokens,
                         @JsonProperty("total_tokens") long totalTokens) {
    public static final UsageTotal NONE = new UsageTotal(0, 0, 0, 0);

    public UsageTotal plus(Usage usage) {
        Usage u = usage == null ? Usage.NONE : usage;
        return new UsageTotal(calls + 1, promptTokens + u.promptTokens(), completionTokens + u.completionTokens(),
                totalTokens + u.totalTokens());
    }
}
