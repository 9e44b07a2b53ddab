package io.jobfleet.bench;

/**
 * The jobs JobRunr runs in the benchmark: static methods it finds by reflection from the enqueue
 * lambdas. The marks of the current run are set before its jobs are enqueued.
 */
public final class JobRunrJobs {
    static volatile StartMarks marks = new StartMarks();

    private JobRunrJobs() {
    }

    public static void noop(Integer n) {
        marks.started();
    }

    public static void latency(Long key) {
        marks.started(key);
    }
}
