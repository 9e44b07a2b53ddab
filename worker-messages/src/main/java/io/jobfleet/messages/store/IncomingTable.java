package io.jobfleet.messages.store;

import io.jobfleet.mapping.MappedTable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The statements on the app's incoming messages table, rendered once from its mapping. The
 * history of a conversation is read from both tables: incoming rows before the one being
 * answered and the replies already written, oldest first.
 */
public final class IncomingTable {
    private final MappedTable t;
    private final States states;
    private final String find;
    private final String lock;
    private final String processing;
    private final String replied;
    private final String failed;
    private final String history;

    IncomingTable(MappedTable t, MappedTable out) {
        this.t = t;
        this.states = new States(t);
        String status = t.statusColumn() + " = " + t.statusValue("status");
        this.find = "SELECT " + t.id() + "::text AS id, " + t.col("conversation_id") + " AS conversation_id, "
                + t.col("sender") + " AS sender, " + t.col("body") + " AS body, " + t.statusColumn() + "::text AS status, "
                + t.col("created_at") + " AS created_at FROM " + t.table() + " WHERE " + t.whereId("id");
        this.lock = "SELECT " + t.statusColumn() + "::text FROM " + t.table() + " WHERE " + t.whereId("id") + " FOR UPDATE";
        this.processing = "UPDATE " + t.table() + " SET " + status + increment("attempts") + set("processing_id", ":processing")
                + ", " + t.col("error") + " = NULL" + t.setNow("updated_at") + " WHERE " + t.whereId("id");
        this.replied = "UPDATE " + t.table() + " SET " + status + ", " + t.col("error") + " = NULL" + t.setNow("processed_at")
                + t.setNow("updated_at") + " WHERE " + t.whereId("id");
        this.failed = "UPDATE " + t.table() + " SET " + status + ", " + t.col("error") + " = :error" + t.setNow("updated_at")
                + " WHERE " + t.whereId("id") + " AND " + t.statusColumn() + " <> " + t.statusValue("replied");
        // the person's earlier messages and every reply of the conversation, the newest :limit of them
        this.history = "SELECT person, body FROM ("
                + " SELECT true AS person, " + t.col("body") + " AS body, " + t.col("created_at") + " AS at, "
                + t.id() + "::text AS id FROM " + t.table() + " WHERE " + t.col("conversation_id") + " = :conversation"
                + " AND (" + t.col("created_at") + " < :before OR (" + t.col("created_at") + " = :before AND " + t.id() + " < "
                + t.idValue("current") + "))"
                + " UNION ALL SELECT false, " + out.col("body") + ", " + out.col("created_at") + ", " + out.id() + "::text FROM "
                + out.table() + " WHERE " + out.col("conversation_id") + " = :conversation"
                + " ORDER BY at DESC, id DESC LIMIT :limit) h ORDER BY at, id";
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

    /** How messages name an incoming row: "Incoming message 42". */
    public static String label(String id) {
        return "Incoming message " + id;
    }

    public Optional<IncomingMessage> find(Jdbi jdbi, String id) {
        return jdbi.withHandle(h -> h.createQuery(find).bind("id", id)
                .map((rs, ctx) -> new IncomingMessage(rs.getString("id"), rs.getString("conversation_id"),
                        rs.getString("sender"), rs.getString("body"), states.of(rs.getString("status")),
                        rs.getObject("created_at", java.time.OffsetDateTime.class).toInstant()))
                .findOne());
    }

    /** The conversation before {@code current}, oldest first, at most {@code limit} messages. */
    public List<HistoryEntry> history(Jdbi jdbi, IncomingMessage current, int limit) {
        List<HistoryEntry> entries = jdbi.withHandle(h -> h.createQuery(history)
                .bind("conversation", current.conversationId())
                .bind("before", java.time.OffsetDateTime.ofInstant(current.createdAt(), java.time.ZoneOffset.UTC))
                .bind("current", current.id())
                .bind("limit", limit)
                .map((rs, ctx) -> new HistoryEntry(rs.getBoolean("person"), rs.getString("body")))
                .list());
        return Collections.unmodifiableList(new ArrayList<>(entries));
    }

    /** Locks the row; empty when it was deleted meanwhile, else its state. */
    Optional<String> lock(Handle h, String id) {
        return h.createQuery(lock).bind("id", id).mapTo(String.class).findOne().map(states::of);
    }

    /** Marks the row PROCESSING for job {@code processingId} (through a fenced write). */
    public void processing(Handle h, String id, String processingId) {
        h.createUpdate(processing).bind("status", t.word("processing")).bind("processing", processingId)
                .bind("id", id).execute();
    }

    void replied(Handle h, String id) {
        h.createUpdate(replied).bind("status", t.word("replied")).bind("id", id).execute();
    }

    /** Marks the row FAILED with a message, unless it was replied to already. */
    public void failed(Handle h, String id, String error) {
        h.createUpdate(failed).bind("status", t.word("failed")).bind("replied", t.word("replied"))
                .bind("error", error).bind("id", id).execute();
    }
}
