package io.jobfleet.daemon;

import io.jobfleet.db.RateLimitSql;
import io.jobfleet.db.RateLimitSql.Definition;
import io.jobfleet.db.RateLimitSql.Grant;
import io.jobfleet.llm.SharedBuckets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The LLM client's shared buckets, kept in the fleet's database ({@link RateLimitSql}). */
public final class FleetBuckets implements SharedBuckets {
    private static final Logger log = LoggerFactory.getLogger(FleetBuckets.class);
    private final RateLimitSql rates;
    private final String workerId;

    public FleetBuckets(RateLimitSql rates, String workerId) {
        this.rates = rates;
        this.workerId = workerId;
    }

    @Override
    public Optional<Duration> take(String bucket, double permits) {
        Grant grant = rates.tryTake(bucket, permits);
        return grant.granted() ? Optional.empty() : Optional.of(grant.waitFrom(Instant.now()));
    }

    @Override
    public void settle(String bucket, double returned) {
        rates.settle(bucket, returned);
    }

    @Override
    public void define(String bucket, double permits, Duration per) {
        double perSeconds = per.toNanos() / 1e9;
        Definition d = rates.defineIfAbsent(bucket, permits, perSeconds, permits, workerId);
        if (d.added()) {
            log.info("fleet-wide limit {} defined: {} per {} s", bucket, permits, perSeconds);
        } else if (d.permits() / d.perSeconds() != permits / perSeconds) {
            log.warn("fleet-wide limit {} is {} per {} s in the database (set by {}), not {} per {} s as this "
                    + "worker's flag asks: the database's holds; change it with `jobfleet rate-limit set {}`",
                    bucket, d.permits(), d.perSeconds(), d.setBy(), permits, perSeconds, bucket);
        }
    }
}
