package io.jobfleet.service;

import java.time.Duration;

/**
 * A background part of a worker process with a visible lifecycle.
 * {@code stop} is idempotent and tolerates being called before {@code start}.
 */
public interface Service {
    String name();

    void start();

    /** Stops the service, waiting at most {@code timeout} for its thread to finish. */
    void stop(Duration timeout);
}
