package io.jobfleet.collections.store;

import io.jobfleet.engine.FencedWrites;
import org.jdbi.v3.core.Handle;

/** Status changes of a collection outside the final replacement: {@code processing} and {@code failed}. */
public final class CollectionStatus {
    private CollectionStatus() {
    }

    /** Marks the collection {@code processing} (run through the job context's fenced write). */
    public static FencedWrites processing(long collectionId) {
        return h -> h.createUpdate("""
                        UPDATE study_collections SET status = 'processing', updated_at = now()
                        WHERE id = :id""")
                .bind("id", collectionId)
                .execute();
    }

    /**
     * Marks the collection {@code failed} with a message for its user. When the job named a user,
     * only that user's collection is touched: a job for the wrong user does not fail another's.
     * The previous study set, if any, stays.
     */
    public static int failed(Handle h, long collectionId, String userId, String message) {
        return h.createUpdate("""
                        UPDATE study_collections
                        SET status = 'failed', error_message = :message, updated_at = now()
                        WHERE id = :id AND (CAST(:user AS text) IS NULL OR user_id = :user)""")
                .bind("id", collectionId)
                .bind("user", userId)
                .bind("message", message)
                .execute();
    }
}
