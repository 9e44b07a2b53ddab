package io.jobfleet.llm;

import java.time.Duration;
import java.util.Optional;

/**
 * Token buckets the whole fleet shares (kept in PostgreSQL), as the LLM client takes from them:
 * one request of {@code llm:<name>:requests} per HTTP attempt, and the estimated tokens of
 * {@code llm:<name>:tokens} per call, settled with the provider's usage afterwards. A bucket that
 * does not exist grants everything.
 */
public interface SharedBuckets {
    /** No shared limits (a client without a database, e.g. a tool's or a test's). */
    SharedBuckets NONE = new SharedBuckets() {
        @Override
        public Optional<Duration> take(String bucket, double permits) {
            return Optional.empty();
        }

        @Override
        public void settle(String bucket, double returned) {
        }

        @Override
        public void define(String bucket, double permits, Duration per) {
        }
    };

    /** Takes {@code permits} (all or none): empty when granted, else how long until they could be. */
    Optional<Duration> take(String bucket, double permits);

    /** Gives back {@code returned} tokens of an estimate (negative: takes more). */
    void settle(String bucket, double returned);

    /**
     * Makes {@code bucket} allow {@code permits} per {@code per} unless the fleet already has it
     * defined (an operator's {@code jobfleet rate-limit set} wins over a worker's flag).
     */
    void define(String bucket, double permits, Duration per);
}
