package io.jobfleet.collections.store;

import io.jobfleet.engine.FencedWrites;
import io.jobfleet.mapping.MappedTable;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The statements on the app's collections table ({@code study_collections}), rendered once from
 * its mapping: schema-qualified names, the id cast to the mapped type, the status in the app's
 * words. Targets the mapping switched off (or left NULL) are the reference schema's defaults.
 */
public final class CollectionsTable {
    /** The reference schema's defaults of {@code target_flashcards} and {@code target_questions}. */
    public static final int DEFAULT_FLASHCARDS = 20;
    public static final int DEFAULT_QUESTIONS = 10;

    private final MappedTable t;
    private final String find;
    private final String processing;
    private final String failed;
    private final String lock;
    private final String ready;

    public CollectionsTable(MappedTable t) {
        this.t = t;
        this.find = "SELECT " + t.id() + "::text AS id, " + t.col("user_id") + " AS user_id, "
                + target("target_flashcards", DEFAULT_FLASHCARDS) + ", " + target("target_questions", DEFAULT_QUESTIONS)
                + " FROM " + t.table() + " WHERE " + t.whereId("id");
        String status = t.statusColumn() + " = " + t.statusValue("status");
        this.processing = "UPDATE " + t.table() + " SET " + status + t.setNow("updated_at") + " WHERE " + t.whereId("id");
        this.failed = "UPDATE " + t.table() + " SET " + status + ", " + t.col("error_message") + " = :message"
                + t.setNow("updated_at") + " WHERE " + t.whereId("id")
                + " AND (CAST(:user AS text) IS NULL OR " + t.col("user_id") + " = :user)";
        this.lock = "SELECT 1 FROM " + t.table() + " WHERE " + t.whereId("id") + " FOR UPDATE";
        this.ready = "UPDATE " + t.table() + " SET " + status + set("flashcard_count", ":cards")
                + set("question_count", ":questions") + t.setNow("generated_at") + ", " + t.col("error_message")
                + " = NULL" + t.setNow("updated_at") + " WHERE " + t.whereId("id");
    }

    private String target(String key, int fallback) {
        return (t.has(key) ? "coalesce(" + t.col(key) + ", " + fallback + ")" : Integer.toString(fallback)) + " AS " + key;
    }

    private String set(String key, String value) {
        return t.has(key) ? ", " + t.col(key) + " = " + value : "";
    }

    public MappedTable mapping() {
        return t;
    }

    /** How messages name a collection: "Study collection 42". */
    public static String label(String id) {
        return "Study collection " + id;
    }

    public Optional<CollectionRow> find(Jdbi jdbi, String id) {
        return jdbi.withHandle(h -> h.createQuery(find).bind("id", id)
                .map((rs, ctx) -> new CollectionRow(rs.getString("id"), rs.getString("user_id"),
                        rs.getInt("target_flashcards"), rs.getInt("target_questions")))
                .findOne());
    }

    /** Marks the collection {@code processing} (run through the job context's fenced write). */
    public FencedWrites processing(String id) {
        return h -> h.createUpdate(processing).bind("status", t.word("processing")).bind("id", id).execute();
    }

    /**
     * Marks the collection {@code failed} with a message for its user. When the job named a user,
     * only that user's collection is touched: a job for the wrong user does not fail another's.
     * The previous study set, if any, stays.
     */
    public int failed(Handle h, String id, String userId, String message) {
        return h.createUpdate(failed)
                .bind("status", t.word("failed"))
                .bind("id", id)
                .bind("user", userId)
                .bind("message", message)
                .execute();
    }

    /** Locks the collection's row; false when it was deleted meanwhile. */
    boolean lock(Handle h, String id) {
        return h.createQuery(lock).bind("id", id).mapTo(Integer.class).findOne().isPresent();
    }

    /** Marks the collection {@code ready} with its counts and clears its error. */
    void ready(Handle h, String id, int cards, int questions) {
        h.createUpdate(ready)
                .bind("status", t.word("ready"))
                .bind("id", id)
                .bind("cards", cards)
                .bind("questions", questions)
                .execute();
    }
}
