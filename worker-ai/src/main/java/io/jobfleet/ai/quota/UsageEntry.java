package io.jobfleet.ai.quota;

/** One successful call as the ledger keeps it. */
public record UsageEntry(long jobId, String userId, String model, int promptTokens, int completionTokens,
                         int totalTokens) {
}
