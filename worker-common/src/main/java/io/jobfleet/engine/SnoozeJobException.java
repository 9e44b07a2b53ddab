package io.jobfleet.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * "Not now, try again later": the job goes back to pending until then without spending an attempt
 * (the claim's is given back), counted in the job's {@code snoozes}. A job that has snoozed
 * {@code max_snoozes} times (20 by default) fails on its next snooze, with the last reason. The
 * snooze is fenced like every outcome and shows in {@code errors} as class {@code snoozed}.
 */
public class SnoozeJobException extends JobException {
    private static final long serialVersionUID = 1L;
    private final transient Duration delay;
    private final transient Instant until;

    /** Snooze for {@code delay} from now. */
    public SnoozeJobException(Duration delay, String reason) {
        super(ErrorClasses.SNOOZED, reason, null);
        this.delay = Objects.requireNonNull(delay, "delay");
        this.until = null;
    }

    /** Snooze until {@code until} (at once when it has passed). */
    public SnoozeJobException(Instant until, String reason) {
        super(ErrorClasses.SNOOZED, reason, null);
        this.delay = null;
        this.until = Objects.requireNonNull(until, "until");
    }

    /** How long from {@code now} the job sleeps; never negative. */
    public Duration delayFrom(Instant now) {
        Duration d = delay != null ? delay : Duration.between(now, until);
        return d.isNegative() ? Duration.ZERO : d;
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
