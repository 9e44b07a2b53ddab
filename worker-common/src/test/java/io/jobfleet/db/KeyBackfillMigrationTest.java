package io.jobfleet.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Schema version 15 gives the pending jobs without a key the key their rule gives them now: a
 * reply enqueued before version 14 with {@code {"conversationId": ...}} got none (version 13 read
 * only {@code conversation_id}), and would have run beside the other replies of its conversation.
 */
class KeyBackfillMigrationTest {
    @Test
    void pendingJobsWithoutAKeyGetTheirRulesKeyAndOthersAreLeftAlone() {
        String base = "kb" + ProcessHandle.current().pid();
        try (Database db = OlderSchema.open(base, "test-key-backfill-migration")) {
            String schema = db.config().schema();
            try {
                OlderSchema.migrateToBefore(db, schema, "15");
                db.jdbi().useHandle(h -> {
                    h.execute("INSERT INTO " + schema + ".key_limits (queue, kind, max_per_key, ordered, key_field) VALUES "
                            + "('messages', NULL, 1, true, 'conversation_id'), "
                            + "('messages', 'special', 1, true, 'thread_id')");
                    // as version 13 left them: keyless, whatever spelling the app used
                    h.execute("INSERT INTO " + schema + ".jobs (id, queue, kind, payload, status, concurrency_key) VALUES "
                            + "(1, 'messages', 'message.reply', '{\"conversationId\": \"c-1\"}', 'pending', NULL), "
                            + "(2, 'messages', 'message.reply', '{\"conversation_id\": \"c-2\"}', 'pending', NULL), "
                            + "(3, 'messages', 'special', '{\"threadId\": \"t-3\", \"conversationId\": \"c-3\"}', 'pending', NULL), "
                            + "(4, 'messages', 'message.reply', '{\"conversationId\": \"c-4\"}', 'completed', NULL), "
                            + "(5, 'messages', 'message.reply', '{\"text\": \"no key field\"}', 'pending', NULL), "
                            + "(6, 'other', 'message.reply', '{\"conversationId\": \"c-6\"}', 'pending', NULL), "
                            + "(7, 'messages', 'message.reply', '{\"conversationId\": \"c-7\"}', 'pending', 'kept')");
                    h.execute("UPDATE " + schema + ".jobs SET concurrency_key = NULL WHERE id <> 7");
                });

                new Migrations(db.dataSource(), schema).migrate();

                Map<Long, String> keys = db.jdbi().withHandle(h -> h.createQuery("SELECT id, coalesce(concurrency_key, '-') "
                                + "AS k FROM " + schema + ".jobs").map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getString(2)))
                        .list()).stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
                assertThat(keys).containsEntry(1L, "c-1").containsEntry(2L, "c-2")
                        .as("the kind's own rule first").containsEntry(3L, "t-3")
                        .as("finished jobs are history").containsEntry(4L, "-")
                        .containsEntry(5L, "-")
                        .as("no rule for its queue").containsEntry(6L, "-")
                        .as("a key the job came with").containsEntry(7L, "kept");
            } finally {
                db.jdbi().useHandle(h -> h.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE"));
            }
        }
    }
}
