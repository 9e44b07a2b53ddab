package io.jobfleet.messages.send;

import io.jobfleet.engine.JobContext;
import io.jobfleet.engine.JobException;
import io.jobfleet.engine.JobLostException;

/** A permit of the fleet-wide send rate, taken before each provider call. */
@FunctionalInterface
public interface SendPermits {
    SendPermits UNLIMITED = ctx -> { };

    /** Returns when a permit was taken; throws a snooze until the next one is due when none is free. */
    void take(JobContext ctx) throws JobException, JobLostException;
}
