package io.jobfleet.llm;

/** Tokens a call consumed, as reported by the provider (zeros when it did not say). */
public record Usage(int promptTokens, int completionTokens, int totalTokens) {
    public static final Usage NONE = new Usage(0, 0, 0);
}
