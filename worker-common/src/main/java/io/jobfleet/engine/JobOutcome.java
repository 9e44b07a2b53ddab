package io.jobfleet.engine;

/**
 * What a successful attempt produced: the job's {@code result} (any value Jackson can write) and
 * the handler's writes to the app's tables, committed with the completion.
 */
public record JobOutcome(Object result, FencedWrites writes) {
    public JobOutcome {
        writes = writes == null ? FencedWrites.NONE : writes;
    }

    public static JobOutcome done(Object result) {
        return new JobOutcome(result, FencedWrites.NONE);
    }

    public static JobOutcome done(Object result, FencedWrites writes) {
        return new JobOutcome(result, writes);
    }
}
