package io.jobfleet.messages.send;

import io.jobfleet.db.RateLimitSql;
import io.jobfleet.engine.JobContext;
import io.jobfleet.engine.JobException;
import io.jobfleet.engine.JobLostException;
import io.jobfleet.engine.SnoozeJobException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One token of the fleet-wide bucket {@code name} per send ({@code jobfleet rate-limit set NAME
 * --permits N --per 1s}). When none is free the send reserves the next one (the bucket goes into
 * debt) and the job snoozes until that token is due, no attempt spent; it comes back holding its
 * token (a checkpoint of this attempt) and sends without asking again. So a job snoozes once per
 * attempt, however long the backlog, instead of racing the others for each new token until its
 * snoozes run out, and a backlog drains at the bucket's rate. A name with no bucket defined grants
 * every send.
 */
public final class BucketPermits implements SendPermits {
    static final String CHECKPOINT = "send_permit";
    /** A job may come back this much before its token's time (the clocks of hosts and database differ). */
    static final Duration EARLY = Duration.ofMillis(250);

    private final RateLimitSql rates;
    private final String name;

    public BucketPermits(RateLimitSql rates, String name) {
        this.rates = rates;
        this.name = name;
    }

    @Override
    public void take(JobContext ctx) throws JobException, JobLostException {
        Optional<Instant> reserved = reserved(ctx);
        if (reserved.isPresent()) {
            if (Instant.now().isBefore(reserved.get().minus(EARLY))) {
                throw new SnoozeJobException(reserved.get(), "rate limit " + name + ": its token is due at " + reserved.get());
            }
            return;
        }
        RateLimitSql.Grant grant = rates.reserve(name, 1, null);
        if (grant.granted()) {
            return;
        }
        ctx.checkpoint(CHECKPOINT, ctx.json().createObjectNode().put("attempt", ctx.attempt())
                .put("due", grant.retryAt().toString()));
        throw new SnoozeJobException(grant.retryAt(), "rate limit " + name + ": a token is reserved for "
                + grant.retryAt());
    }

    /** When the token this attempt reserved is due; empty when it reserved none (an earlier attempt's is spent). */
    private static Optional<Instant> reserved(JobContext ctx) {
        return ctx.saved(CHECKPOINT)
                .filter(saved -> saved.path("attempt").asInt() == ctx.attempt())
                .map(saved -> saved.path("due").asText(""))
                .filter(due -> !due.isEmpty())
                .map(Instant::parse);
    }
}
