package io.jobfleet.db;

import java.time.Duration;

/**
 * What an enqueue asks for; the defaults are those of the jobs table. {@code concurrencyKey}
 * (null: none, or the one a key rule derives from the payload) groups jobs under the queue's key
 * rules: at most so many running per key, optionally one at a time in enqueue order.
 * {@code traceparent} is the W3C trace context of the request that enqueues it, or null
 * (docs/tracing.md).
 */
public record NewJob(String queue, String kind, String payload, int priority, Duration delay,
                     String dedupKey, int maxAttempts, int timeoutSeconds, String concurrencyKey,
                     String traceparent) {
    public static final int MAX_ATTEMPTS_DEFAULT = 3;
    public static final int TIMEOUT_SECONDS_DEFAULT = 300;

    public static NewJob of(String queue, String kind, String payload) {
        return new NewJob(queue, kind, payload, 0, Duration.ZERO, null, MAX_ATTEMPTS_DEFAULT,
                TIMEOUT_SECONDS_DEFAULT, null, null);
    }

    public NewJob withPriority(int p) {
        return new NewJob(queue, kind, payload, p, delay, dedupKey, maxAttempts, timeoutSeconds, concurrencyKey,
                traceparent);
    }

    public NewJob withDelay(Duration d) {
        return new NewJob(queue, kind, payload, priority, d, dedupKey, maxAttempts, timeoutSeconds, concurrencyKey,
                traceparent);
    }

    public NewJob withDedupKey(String key) {
        return new NewJob(queue, kind, payload, priority, delay, key, maxAttempts, timeoutSeconds, concurrencyKey,
                traceparent);
    }

    public NewJob withMaxAttempts(int n) {
        return new NewJob(queue, kind, payload, priority, delay, dedupKey, n, timeoutSeconds, concurrencyKey,
                traceparent);
    }

    public NewJob withTimeoutSeconds(int s) {
        return new NewJob(queue, kind, payload, priority, delay, dedupKey, maxAttempts, s, concurrencyKey, traceparent);
    }

    public NewJob withConcurrencyKey(String key) {
        return new NewJob(queue, kind, payload, priority, delay, dedupKey, maxAttempts, timeoutSeconds, key, traceparent);
    }

    /** With the app's trace context: a malformed value is dropped by the database, with a warning. */
    public NewJob withTraceparent(String tp) {
        return new NewJob(queue, kind, payload, priority, delay, dedupKey, maxAttempts, timeoutSeconds, concurrencyKey,
                tp);
    }
}
