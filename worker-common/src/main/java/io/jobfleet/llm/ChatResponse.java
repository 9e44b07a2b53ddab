package io.jobfleet.llm;

/**
 * A text answer: its content, the model that produced it (as the provider names it), why it
 * stopped ({@code stop}, {@code length}, ...) and the tokens used.
 */
public record ChatResponse(String content, String model, String finishReason, Usage usage) {

    /** True when the answer was cut off by the token limit. */
    public boolean truncated() {
        return "length".equals(finishReason);
    }

    @Override
    public String toString() {
        return "ChatResponse[" + content.length() + " chars, model=" + model + ", finish=" + finishReason
                + ", " + usage + "]";
    }
}
