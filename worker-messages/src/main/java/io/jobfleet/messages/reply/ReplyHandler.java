package io.jobfleet.messages.reply;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.engine.JobContext;
import io.jobfleet.engine.JobFailure;
import io.jobfleet.engine.JobHandler;
import io.jobfleet.engine.JobOutcome;
import io.jobfleet.engine.PermanentJobException;
import io.jobfleet.mapping.FailedPayload;
import io.jobfleet.messages.store.HistoryEntry;
import io.jobfleet.messages.store.IncomingMessage;
import io.jobfleet.messages.store.IncomingTable;
import io.jobfleet.messages.store.MessageTables;
import io.jobfleet.messages.store.MissingTables;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * {@code message.reply}: reads the incoming message, marks it PROCESSING, asks the model for a
 * reply from that conversation's history only, and completes in one fenced transaction that
 * writes the outgoing message (PENDING, with its idempotency key), marks the incoming message
 * REPLIED and enqueues the outgoing message's {@code message.send} job: an outbox. A poison row
 * (missing, no conversation, no sender, empty text) fails at once; the incoming row becomes FAILED.
 */
public final class ReplyHandler implements JobHandler<ReplyPayload> {
    public static final String KIND = "message.reply";

    private final MessageTables tables;
    private final ReplyComposer composer;
    private final SendJobs sendJobs;
    private final int historyLimit;
    private final MissingTables missing;

    public ReplyHandler(MessageTables tables, ReplyComposer composer, SendJobs sendJobs, int historyLimit) {
        this.tables = tables;
        this.missing = new MissingTables(tables.incoming().mapping());
        this.composer = composer;
        this.sendJobs = sendJobs;
        this.historyLimit = historyLimit;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Class<ReplyPayload> payloadType() {
        return ReplyPayload.class;
    }

    @Override
    public JobOutcome handle(ReplyPayload payload, JobContext ctx) throws Exception {
        return missing.guard(() -> reply(payload, ctx));
    }

    private JobOutcome reply(ReplyPayload payload, JobContext ctx) throws Exception {
        IncomingTable incoming = tables.incoming();
        String id = incoming.mapping().requireId(payload.incomingId(), "incoming_id");
        String label = IncomingTable.label(id);
        IncomingMessage in = incoming.find(ctx.jdbi(), id).orElseThrow(() -> new PermanentJobException("not_found",
                label + " does not exist; it may have been deleted."));
        if (in.state().equals("replied")) {
            return JobOutcome.done(Map.of("incoming_id", payload.incomingId(), "already_replied", true));
        }
        if (blank(in.conversationId())) {
            throw new PermanentJobException("no_conversation", label + " has no conversation; it cannot be answered.");
        }
        String keyed = payload.conversation();
        if (keyed != null && !keyed.equals(in.conversationId())) {
            // the job's ordered key comes from the payload: run under another conversation's key, it
            // would not wait for its own conversation's replies
            throw new PermanentJobException("conversation_mismatch", label + " belongs to another conversation than "
                    + "the job was enqueued for; enqueue it with the message's own conversation_id.");
        }
        if (blank(in.sender())) {
            throw new PermanentJobException("no_sender", label + " has no sender to answer to.");
        }
        if (blank(in.body())) {
            throw new PermanentJobException("empty_message", label + " is empty; there is nothing to answer.");
        }
        ctx.fenced(h -> incoming.processing(h, id, "job " + ctx.jobId()));
        ctx.progress(1, 2, "composing");
        List<HistoryEntry> history = incoming.history(ctx.jdbi(), in, historyLimit);
        String reply = composer.compose(history, in.body(), ctx::onInterrupt);
        ctx.progress(2, 2, "replied");
        ReplyResult result = new ReplyResult(payload.incomingId(), in.conversationId(), history.size(), reply.length());
        return JobOutcome.done(result, h -> {
            Optional<String> outgoingId = tables.writeReply(h, in, reply);
            if (outgoingId.isPresent()) {
                sendJobs.enqueue(h, outgoingId.get(), in.conversationId());
            }
        });
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    @Override
    public void onFailed(JsonNode payload, JobFailure failure, Handle handle) {
        IncomingTable incoming = tables.incoming();
        FailedPayload.id(payload, "incoming_id", incoming.mapping())
                .ifPresent(id -> incoming.failed(handle, id, failure.message()));
    }

    /** What {@code message.reply} stores as its result. */
    public record ReplyResult(Object incomingId, String conversationId, int historyMessages, int replyChars) {
    }
}
