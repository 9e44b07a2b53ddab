package io.jobfleet.fleet.mix;

import io.jobfleet.db.Database;
import io.jobfleet.messages.MessagesFamily;
import io.jobfleet.messages.store.MessagesMapping;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Conversations with the agent: a few people write several messages each, answered in order per
 * conversation and sent through the provider simulator; one empty message fails readably and its
 * conversation goes on.
 */
public final class MessagesDemoSeeder implements DemoSeeder {
    private static final String KIND = "message.reply";
    private static final String[] LINES = {"Hello, my order has not arrived yet.", "It was order 1042, placed last week.",
            "Can you tell me when it ships?", "Thanks, and can I change the address?", "Great, that is all."};

    @Override
    public String family() {
        return "messages";
    }

    @Override
    public List<Expectation> seed(Database db, Path files, DemoSize size) {
        String table = MessagesMapping.SPEC.defaults(db.config().appSchema()).table(MessagesMapping.INCOMING).table();
        List<Expectation> x = new ArrayList<>();
        List<String> conversations = new ArrayList<>();
        for (int c = 0; c < size.conversations(); c++) {
            conversations.add("demo-" + UUID.randomUUID().toString().substring(0, 8));
        }
        for (int m = 0; m < size.messagesPerConversation(); m++) {
            for (int c = 0; c < conversations.size(); c++) {
                String conversation = conversations.get(c);
                boolean poison = c == 0 && m == 1;
                String body = poison ? "  " : "#" + conversation + " " + LINES[m % LINES.length];
                long id = db.jdbi().withHandle(h -> h.createQuery("INSERT INTO " + table
                                + " (conversation_id, sender, body) VALUES (:c, :s, :b) RETURNING id")
                        .bind("c", conversation).bind("s", "+1555" + (1000 + conversations.indexOf(conversation)))
                        .bind("b", body).mapTo(Long.class).one());
                long job = db.queue().enqueue(MessagesFamily.replyJob(Long.toString(id), conversation));
                x.add(poison ? Expectation.fails(job, KIND, "empty message in " + conversation, "empty_message")
                        : Expectation.completes(job, KIND, "message " + (m + 1) + " of " + conversation));
            }
        }
        return x;
    }
}
