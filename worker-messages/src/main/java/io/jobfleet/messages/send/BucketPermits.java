package io.jobfleet.messages.send;

import io.jobfleet.db.RateLimitSql;
import io.jobfleet.engine.JobContext;
import io.jobfleet.engine.SnoozeJobException;

/**
 * One token of the fleet-wide bucket {@code name} per send ({@code jobfleet rate-limit set NAME
 * --permits N --per 1s}); when none is free the job snoozes until one is (no attempt spent). A
 * name with no bucket defined grants every send.
 */
public final class BucketPermits implements SendPermits {
    private final RateLimitSql rates;
    private final String name;

    public BucketPermits(RateLimitSql rates, String name) {
        this.rates = rates;
        this.name = name;
    }

    @Override
    public void take(JobContext ctx) throws SnoozeJobException {
        RateLimitSql.Grant grant = rates.tryTake(name, 1);
        if (!grant.granted()) {
            throw new SnoozeJobException(grant.retryAt(), "rate limit " + name);
        }
    }
}
