package io.jobfleet.llm;

/**
 * A structured answer: the value parsed into the caller's record, the raw JSON it came from, the
 * model, the tokens used and why the answer stopped.
 */
public record Structured<T>(T value, String rawContent, String model, Usage usage, String finishReason) {

    @Override
    public String toString() {
        return "Structured[" + (value == null ? "null" : value.getClass().getSimpleName()) + ", model=" + model
                + ", " + usage + "]";
    }
}
