package io.jobfleet.messages;

import io.jobfleet.testing.FamilyWorkers;
import io.jobfleet.testing.TestDatabase;
import java.util.List;
import java.util.Map;

/** The reference app tables of the messages family in a test database: rows in, rows out. */
public final class MessageRows {
    private final TestDatabase db;

    public MessageRows(TestDatabase db) {
        this.db = db;
    }

    /** Creates the reference tables (once per database) and empties them. */
    public MessageRows migrate() {
        boolean exists = db.db().jdbi().withHandle(h -> h.createQuery("SELECT to_regclass(:t) IS NOT NULL")
                .bind("t", db.app("incoming_messages")).mapTo(Boolean.class).one());
        if (!exists) {
            FamilyWorkers.migrateAppTables(db, new MessagesFamily());
        }
        ConversationOrder.ensure(db.db().admin().flow(), "test");
        db.db().jdbi().useHandle(h -> h.execute("TRUNCATE " + db.app("outgoing_messages") + ", "
                + db.app("incoming_messages") + " RESTART IDENTITY"));
        return this;
    }

    /** An incoming message as the app's webhook stores it; returns its id. */
    public long incoming(String conversationId, String sender, String body) {
        return db.db().jdbi().withHandle(h -> h.createQuery("INSERT INTO " + db.app("incoming_messages")
                        + " (conversation_id, sender, body) VALUES (:c, :s, :b) RETURNING id")
                .bind("c", conversationId).bind("s", sender).bind("b", body).mapTo(Long.class).one());
    }

    /** An outgoing message written by hand (as an app that composes its own); returns its id. */
    public long outgoing(String conversationId, String recipient, String body, String status) {
        return db.db().jdbi().withHandle(h -> h.createQuery("INSERT INTO " + db.app("outgoing_messages")
                        + " (conversation_id, recipient, body, status) VALUES (:c, :r, :b, :s) RETURNING id")
                .bind("c", conversationId).bind("r", recipient).bind("b", body).bind("s", status)
                .mapTo(Long.class).one());
    }

    public Map<String, Object> incomingRow(long id) {
        return db.db().jdbi().withHandle(h -> h.createQuery("SELECT * FROM " + db.app("incoming_messages") + " WHERE id = :id")
                .bind("id", id).mapToMap().one());
    }

    public Map<String, Object> outgoingRow(long id) {
        return db.db().jdbi().withHandle(h -> h.createQuery("SELECT * FROM " + db.app("outgoing_messages") + " WHERE id = :id")
                .bind("id", id).mapToMap().one());
    }

    /** Outgoing rows of a conversation by id (their creation order). */
    public List<Map<String, Object>> outgoingOf(String conversationId) {
        return db.db().jdbi().withHandle(h -> h.createQuery("SELECT * FROM " + db.app("outgoing_messages")
                        + " WHERE conversation_id = :c ORDER BY id").bind("c", conversationId).mapToMap().list());
    }

    public List<Map<String, Object>> allOutgoing() {
        return db.db().jdbi().withHandle(h -> h.createQuery("SELECT * FROM " + db.app("outgoing_messages") + " ORDER BY id")
                .mapToMap().list());
    }

    /** Sets an outgoing row's status by hand (e.g. SENDING, as a worker killed mid-call leaves it). */
    public void setOutgoingStatus(long id, String status) {
        db.db().jdbi().useHandle(h -> h.createUpdate("UPDATE " + db.app("outgoing_messages") + " SET status = :s WHERE id = :id")
                .bind("s", status).bind("id", id).execute());
    }

    public long countOutgoing(String status) {
        return db.db().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM " + db.app("outgoing_messages")
                + " WHERE status = :s").bind("s", status).mapTo(Long.class).one());
    }
}
