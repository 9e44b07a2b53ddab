package io.jobfleet.messages.send;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.engine.JobContext;
import io.jobfleet.engine.JobFailure;
import io.jobfleet.engine.JobHandler;
import io.jobfleet.engine.JobOutcome;
import io.jobfleet.engine.PermanentJobException;
import io.jobfleet.engine.RetryableJobException;
import io.jobfleet.engine.SnoozeJobException;
import io.jobfleet.mapping.FailedPayload;
import io.jobfleet.messages.provider.MessageProvider;
import io.jobfleet.messages.provider.SendException;
import io.jobfleet.messages.store.MissingTables;
import io.jobfleet.messages.store.OutgoingMessage;
import io.jobfleet.messages.store.OutgoingTable;
import io.jobfleet.service.Backoff;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdbi.v3.core.Handle;

/**
 * {@code message.send}: one outgoing message to the provider, at most once, or exactly once with a
 * provider that de-duplicates by key.
 *
 * <ol>
 * <li>SENT or UNCERTAIN already: nothing to do (the job completes and says so).</li>
 * <li>FAILED: the provider never took it (a FAILED row was PENDING when its job ended), so the job,
 *     re-run by an operator ({@code jobfleet retry}), sends it like a PENDING one.</li>
 * <li>SENDING already: an earlier attempt was cut off during its call, so the provider may have the
 *     message. A de-duplicating provider gets it again with the same key; any other provider does
 *     not: the job fails with class {@code uncertain} and the message becomes UNCERTAIN.</li>
 * <li>Takes a permit of the fleet-wide rate limit, if one is set (else snoozes until one is free).</li>
 * <li>Marks the message SENDING in a fenced write, then calls the provider with the key.</li>
 * <li>Success: SENT with the provider's id, committed with the completion. A refusal: back to
 *     PENDING, then FAILED (permanent). 5xx or no connection: back to PENDING, retried. 429: back
 *     to PENDING, snoozed until Retry-After (no attempt spent), or without one for 1 s doubling
 *     to a minute. No answer after the request was
 *     written: as for SENDING met again.</li>
 * </ol>
 * When the job ends failed, {@link #onFailed} leaves no row in flight: SENDING becomes UNCERTAIN
 * (the provider may have it), PENDING becomes FAILED.
 */
public final class SendHandler implements JobHandler<SendPayload> {
    public static final String KIND = "message.send";
    /** The checkpoint counting the 429s without Retry-After this job met. */
    static final String UNPACED_429 = "unpaced_429";
    static final Duration UNPACED_WAIT_MAX = Duration.ofMinutes(1);

    private final OutgoingTable outgoing;
    private final MessageProvider provider;
    private final SendPermits permits;
    private final MissingTables missing;

    public SendHandler(OutgoingTable outgoing, MessageProvider provider, SendPermits permits) {
        this.outgoing = outgoing;
        this.missing = new MissingTables(outgoing.mapping());
        this.provider = provider;
        this.permits = permits;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Class<SendPayload> payloadType() {
        return SendPayload.class;
    }

    @Override
    public JobOutcome handle(SendPayload payload, JobContext ctx) throws Exception {
        return missing.guard(() -> send(payload, ctx));
    }

    private JobOutcome send(SendPayload payload, JobContext ctx) throws Exception {
        String id = outgoing.mapping().requireId(payload.outgoingId(), "outgoing_id");
        String label = OutgoingTable.label(id);
        OutgoingMessage m = outgoing.find(ctx.jdbi(), id).orElseThrow(() -> new PermanentJobException("not_found",
                label + " does not exist; it may have been deleted."));
        switch (m.state()) {
            case "sent", "uncertain" -> {
                return JobOutcome.done(new SendResult(m.state().toUpperCase(java.util.Locale.ROOT),
                        m.providerMessageId(), provider.name(), "already " + m.state() + "; nothing sent"));
            }
            case "sending" -> {
                if (!provider.deduplicates()) {
                    throw uncertain(id, "an earlier attempt was cut off during its call to the provider");
                }
            }
            case "pending", "failed" -> {
            }
            default -> throw new PermanentJobException("bad_state", label + " has status " + m.state().substring(6)
                    + ", which the mapping does not name; it is not sent.");
        }
        permits.take(ctx);
        AtomicBoolean marked = new AtomicBoolean();
        ctx.fenced(h -> marked.set(outgoing.sending(h, id, "job " + ctx.jobId())));
        if (!marked.get()) {
            return JobOutcome.done(new SendResult(null, null, provider.name(), "left its pending state meanwhile; nothing sent"));
        }
        ctx.checkHeld(); // narrows the window in which a frozen worker wakes up and sends after its rescue
        ctx.progress(1, 2, "sending");
        String providerId;
        try {
            providerId = provider.send(new MessageProvider.Outgoing(id, m.conversationId(), m.recipient(), m.body(),
                    m.idempotencyKey()), ctx::onInterrupt);
        } catch (SendException e) {
            throw failure(ctx, id, label, e);
        }
        ctx.progress(2, 2, "sent");
        return JobOutcome.done(new SendResult("SENT", providerId, provider.name(), null),
                h -> outgoing.sent(h, id, providerId));
    }

    /**
     * How long to wait after a 429 that named no Retry-After: 1 s, doubling with each such answer
     * this job met (counted in a checkpoint) up to a minute, so that its snoozes ({@code
     * max_snoozes}, 20 by default) last about a quarter of an hour, not 20 seconds.
     */
    private static Duration unpacedWait(JobContext ctx) throws Exception {
        int seen = ctx.saved(UNPACED_429).map(saved -> saved.path("count").asInt()).orElse(0);
        ctx.checkpoint(UNPACED_429, ctx.json().createObjectNode().put("count", seen + 1));
        return Backoff.doubled(Duration.ofSeconds(1), UNPACED_WAIT_MAX, seen);
    }

    private Exception failure(JobContext ctx, String id, String label, SendException e) throws Exception {
        String why = label + ": " + e.getMessage();
        switch (e.outcome()) {
            case REJECTED -> {
                ctx.fenced(h -> outgoing.notSent(h, id, why));
                return new PermanentJobException("rejected", why + ".");
            }
            case NOT_SENT -> {
                ctx.fenced(h -> outgoing.notSent(h, id, why));
                return new RetryableJobException("provider_unavailable", why + ".");
            }
            case RATE_LIMITED -> {
                ctx.fenced(h -> outgoing.notSent(h, id, why));
                return new SnoozeJobException(e.retryAfter().isPresent() ? e.retryAfter().get() : unpacedWait(ctx), why);
            }
            default -> {
                if (provider.deduplicates()) {
                    return new RetryableJobException("unknown_outcome", why + "; it is sent again with the same "
                            + "idempotency key, which the provider de-duplicates.");
                }
                return uncertain(id, e.getMessage());
            }
        }
    }

    private PermanentJobException uncertain(String id, String cause) {
        return new PermanentJobException("uncertain", OutgoingTable.label(id) + " may have been delivered (" + cause + ") and the "
                + provider.name() + " provider does not de-duplicate, so it is not sent again: marked UNCERTAIN. Check "
                + "with the provider, then run `worker-messages resolve " + id + " --as-sent` or `--resend`.");
    }

    @Override
    public void onFailed(JsonNode payload, JobFailure failure, Handle handle) {
        FailedPayload.id(payload, "outgoing_id", outgoing.mapping()).ifPresent(id -> {
            if (!outgoing.uncertain(handle, id, failure.message())) {
                outgoing.failed(handle, id, failure.message());
            }
        });
    }

    /** What {@code message.send} stores as its result. */
    public record SendResult(String status, String providerMessageId, String provider, String note) {
    }
}
