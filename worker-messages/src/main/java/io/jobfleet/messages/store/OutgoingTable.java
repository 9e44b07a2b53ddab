package io.jobfleet.messages.store;

import io.jobfleet.mapping.MappedTable;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The statements on the app's outgoing messages table, rendered once from its mapping. Every
 * state change names the states it may leave, so a late or repeated write changes nothing.
 */
public final class OutgoingTable {
    private final MappedTable t;
    private final States states;
    private final String replyTo;
    private final String insert;
    private final String find;
    private final String byReply;
    private final String sending;
    private final String sent;
    private final String move;
    private final String resolve;

    OutgoingTable(MappedTable t, MappedTable incoming) {
        this.t = t;
        this.replyTo = incoming.idValue("reply_to");
        this.states = new States(t);
        String status = t.statusColumn() + " = " + t.statusValue("status");
        this.insert = "INSERT INTO " + t.table() + " (" + (t.generateId() ? t.id() + ", " : "") + t.col("conversation_id") + ", "
                + t.col("in_reply_to") + ", " + t.col("recipient") + ", " + t.col("body") + ", " + t.statusColumn() + ", "
                + t.col("idempotency_key") + ") VALUES (" + (t.generateId() ? t.newId() + ", " : "")
                + ":conversation, " + replyTo + ", :recipient, :body, " + t.statusValue("status")
                + ", :key) RETURNING " + t.id() + "::text";
        String columns = t.id() + "::text AS id, " + t.col("conversation_id") + " AS conversation_id, " + t.col("recipient")
                + " AS recipient, " + t.col("body") + " AS body, " + t.statusColumn() + "::text AS status, "
                + t.col("idempotency_key") + " AS idempotency_key, " + t.col("provider_message_id")
                + " AS provider_message_id, " + t.col("error") + " AS error FROM " + t.table();
        this.find = "SELECT " + columns + " WHERE " + t.whereId("id");
        this.byReply = "SELECT " + t.id() + "::text FROM " + t.table() + " WHERE " + t.col("in_reply_to") + " = "
                + replyTo;
        String inStates = " WHERE " + t.whereId("id") + " AND " + t.statusColumn() + "::text = ANY(:from)";
        this.sending = "UPDATE " + t.table() + " SET " + status + increment("attempts") + set("processing_id", ":processing")
                + t.setNow("updated_at") + inStates;
        this.sent = "UPDATE " + t.table() + " SET " + status + ", " + t.col("provider_message_id") + " = :provider_id, "
                + t.col("error") + " = NULL" + t.setNow("sent_at") + t.setNow("updated_at") + inStates;
        this.move = "UPDATE " + t.table() + " SET " + status + ", " + t.col("error") + " = :error" + t.setNow("updated_at")
                + inStates;
        this.resolve = "UPDATE " + t.table() + " SET " + status + ", " + t.col("provider_message_id")
                + " = coalesce(:provider_id, " + t.col("provider_message_id") + "), " + t.col("error") + " = :error"
                + t.setNow("updated_at") + inStates + " RETURNING " + t.col("conversation_id");
    }

    private String increment(String key) {
        return t.has(key) ? ", " + t.col(key) + " = coalesce(" + t.col(key) + ", 0) + 1" : "";
    }

    private String set(String key, String value) {
        return t.has(key) ? ", " + t.col(key) + " = " + value : "";
    }

    public MappedTable mapping() {
        return t;
    }

    /** How messages name an outgoing row: "Outgoing message 42". */
    public static String label(String id) {
        return "Outgoing message " + id;
    }

    /** Inserts a PENDING reply with its idempotency key; returns its id. */
    String insert(Handle h, String conversationId, String replyTo, String recipient, String body, String key) {
        return h.createQuery(insert).bind("conversation", conversationId).bind("reply_to", replyTo)
                .bind("recipient", recipient).bind("body", body).bind("status", t.word("pending")).bind("key", key)
                .mapTo(String.class).one();
    }

    /** The reply already written for incoming row {@code replyTo}, if any. */
    Optional<String> replyOf(Handle h, String replyTo) {
        return h.createQuery(byReply).bind("reply_to", replyTo).mapTo(String.class).findFirst();
    }

    public Optional<OutgoingMessage> find(Jdbi jdbi, String id) {
        return jdbi.withHandle(h -> find(h, id));
    }

    public Optional<OutgoingMessage> find(Handle h, String id) {
        return h.createQuery(find).bind("id", id)
                .map((rs, ctx) -> new OutgoingMessage(rs.getString("id"), rs.getString("conversation_id"),
                        rs.getString("recipient"), rs.getString("body"), states.of(rs.getString("status")),
                        rs.getString("idempotency_key"), rs.getString("provider_message_id"), rs.getString("error")))
                .findOne();
    }

    /**
     * PENDING, SENDING or FAILED (never taken by the provider: sent again when its job is retried) to
     * SENDING before a provider call, for job {@code processingId}; false when in another state.
     */
    public boolean sending(Handle h, String id, String processingId) {
        return h.createUpdate(sending).bind("status", t.word("sending")).bind("processing", processingId)
                .bindArray("from", String.class, t.word("pending"), t.word("sending"), t.word("failed"))
                .bind("id", id).execute() == 1;
    }

    /** SENDING to SENT with the provider's id. */
    public boolean sent(Handle h, String id, String providerId) {
        return h.createUpdate(sent).bind("status", t.word("sent")).bind("provider_id", providerId)
                .bindArray("from", String.class, t.word("sending")).bind("id", id).execute() == 1;
    }

    /** SENDING back to PENDING: the provider surely did not take it (it answered an error). */
    public boolean notSent(Handle h, String id, String error) {
        return h.createUpdate(move).bind("status", t.word("pending")).bind("error", error)
                .bindArray("from", String.class, t.word("sending")).bind("id", id).execute() == 1;
    }

    /** SENDING to UNCERTAIN with the reason: the provider may have it and does not de-duplicate. */
    public boolean uncertain(Handle h, String id, String reason) {
        return h.createUpdate(move).bind("status", t.word("uncertain")).bind("error", reason)
                .bindArray("from", String.class, t.word("sending")).bind("id", id).execute() == 1;
    }

    /** PENDING (never accepted) to FAILED with the reason. */
    public boolean failed(Handle h, String id, String reason) {
        return h.createUpdate(move).bind("status", t.word("failed")).bind("error", reason)
                .bindArray("from", String.class, t.word("pending")).bind("id", id).execute() == 1;
    }

    /**
     * An operator's decision on an UNCERTAIN row: to {@code state} ({@code sent} or {@code pending})
     * with a note; empty when the row was not UNCERTAIN (resolved already, or never uncertain).
     */
    public Optional<String> resolve(Handle h, String id, String state, String providerId, String note) {
        return h.createQuery(resolve).bind("status", t.word(state)).bind("provider_id", providerId).bind("error", note)
                .bindArray("from", String.class, t.word("uncertain")).bind("id", id).mapTo(String.class).findOne();
    }
}
