package io.jobfleet.support;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.MDC;

/**
 * The MDC fields of log lines: {@code worker} on every thread of a worker process, and
 * {@code job_id}, {@code queue}, {@code kind}, {@code attempt} on lines about one job. The JSON
 * log format carries them as fields.
 */
public final class LogContext {
    public static final String WORKER = "worker";
    public static final String JOB_ID = "job_id";
    public static final String QUEUE = "queue";
    public static final String KIND = "kind";
    public static final String ATTEMPT = "attempt";

    private LogContext() {
    }

    /** Marks the current thread as one of worker {@code workerId}'s. */
    public static void worker(String workerId) {
        MDC.put(WORKER, workerId);
    }

    /** Puts a job's fields until the returned scope is closed, then restores the previous ones. */
    public static Scope job(long id, String queue, String kind, int attempt) {
        Map<String, String> previous = new LinkedHashMap<>();
        for (String key : new String[] {JOB_ID, QUEUE, KIND, ATTEMPT}) {
            previous.put(key, MDC.get(key));
        }
        MDC.put(JOB_ID, Long.toString(id));
        MDC.put(QUEUE, queue);
        MDC.put(KIND, kind);
        MDC.put(ATTEMPT, Integer.toString(attempt));
        return () -> previous.forEach((key, value) -> {
            if (value == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, value);
            }
        });
    }

    /** Restores the MDC on close; never throws. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
