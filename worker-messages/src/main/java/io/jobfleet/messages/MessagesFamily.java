package io.jobfleet.messages;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobfleet.db.Database;
import io.jobfleet.db.NewJob;
import io.jobfleet.engine.JobHandler;
import io.jobfleet.family.FamilyCheck;
import io.jobfleet.family.FamilyRuntime;
import io.jobfleet.family.WorkerFamily;
import io.jobfleet.mapping.MappingSpec;
import io.jobfleet.messages.reply.ReplyComposer;
import io.jobfleet.messages.reply.ReplyHandler;
import io.jobfleet.messages.reply.SendJobs;
import io.jobfleet.messages.send.BucketPermits;
import io.jobfleet.messages.send.SendHandler;
import io.jobfleet.messages.send.SendPermits;
import io.jobfleet.messages.store.MessageTables;
import io.jobfleet.messages.store.MessagesChecks;
import io.jobfleet.messages.store.MessagesMapping;
import io.jobfleet.support.Json;
import java.util.List;
import java.util.Optional;

/** An AI agent's conversations: replies composed per conversation in order, sent once. */
public final class MessagesFamily implements WorkerFamily {
    public static final String QUEUE = "messages";
    /** Attempts of a send job: provider outages are ridden out for a while (5xx, no connection). */
    static final int SEND_MAX_ATTEMPTS = 5;

    private final MessagesOptions options;

    public MessagesFamily() {
        this(new MessagesOptions());
    }

    public MessagesFamily(MessagesOptions options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "messages";
    }

    @Override
    public String queue() {
        return QUEUE;
    }

    @Override
    public List<String> kinds() {
        return List.of(ReplyHandler.KIND, SendHandler.KIND);
    }

    @Override
    public List<JobHandler<?>> handlers(FamilyRuntime runtime) {
        MessagesSettings settings = options.toSettings();
        MessageTables tables = new MessageTables(runtime.mapping(MessagesMapping.SPEC));
        SendJobs sendJobs = (h, outgoingId, conversationId) -> runtime.db().queue().enqueue(h, sendJob(outgoingId, conversationId));
        return List.of(
                new ReplyHandler(tables, new ReplyComposer(runtime.llm()), sendJobs, settings.history()),
                new SendHandler(tables.outgoing(), settings.newProvider(), settings.rateLimit().isEmpty()
                        ? SendPermits.UNLIMITED : new BucketPermits(runtime.db().rates(), settings.rateLimit())));
    }

    /** Makes the ordered per-conversation key rules exist before the first claim ({@link ConversationOrder}). */
    @Override
    public void configure(FamilyRuntime runtime) {
        ConversationOrder.ensure(runtime.db().admin().flow(), runtime.workerId());
    }

    /** The {@code message.send} job of outgoing message {@code outgoingId}. */
    public static NewJob sendJob(String outgoingId, String conversationId) {
        return NewJob.of(QUEUE, SendHandler.KIND, idPayload("outgoing_id", outgoingId, null))
                .withMaxAttempts(SEND_MAX_ATTEMPTS)
                .withConcurrencyKey(conversationId == null ? null : ConversationOrder.sendKey(conversationId));
    }

    /**
     * The {@code message.reply} job of incoming message {@code incomingId}, as the app enqueues it:
     * the payload's {@code conversation_id} is its ordered key (the key rule derives it).
     */
    public static NewJob replyJob(String incomingId, String conversationId) {
        return NewJob.of(QUEUE, ReplyHandler.KIND, idPayload("incoming_id", incomingId, conversationId));
    }

    /** {@code {"field": id, "conversation_id": ...}}, the id a JSON number when it is one. */
    private static String idPayload(String field, String id, String conversationId) {
        ObjectNode node = Json.mapper().createObjectNode();
        if (id.matches("[1-9]\\d{0,17}")) {
            node.put(field, Long.parseLong(id));
        } else {
            node.put(field, id);
        }
        if (conversationId != null) {
            node.put(ConversationOrder.KEY_FIELD, conversationId);
        }
        return node.toString();
    }

    /** Stuck, failed (24 h), UNCERTAIN and duplicated messages, on the default mapping ({@link MessagesChecks}). */
    @Override
    public List<FamilyCheck> checks(Database db) {
        return new MessagesChecks(MessagesMapping.SPEC.defaults(db.config().appSchema())).load(db.jdbi());
    }

    @Override
    public Optional<String> appSchemaLocation() {
        return Optional.of("classpath:db/app/messages");
    }

    @Override
    public Optional<MappingSpec> appMapping() {
        return Optional.of(MessagesMapping.SPEC);
    }

    @Override
    public Object options() {
        return options;
    }
}
