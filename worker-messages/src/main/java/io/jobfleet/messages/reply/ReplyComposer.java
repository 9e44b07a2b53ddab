package io.jobfleet.messages.reply;

import io.jobfleet.engine.JobException;
import io.jobfleet.engine.RetryableJobException;
import io.jobfleet.llm.Cancellation;
import io.jobfleet.llm.ChatMessage;
import io.jobfleet.llm.ChatRequest;
import io.jobfleet.llm.LlmClient;
import io.jobfleet.llm.LlmException;
import io.jobfleet.llm.ResponseSchema;
import io.jobfleet.messages.store.HistoryEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks the model for a reply (schema {@code message_reply}) from one conversation only: the
 * instructions, that conversation's earlier messages as user/assistant turns, and the new message.
 * Nothing of any other conversation is in the request.
 */
public final class ReplyComposer {
    static final ResponseSchema SCHEMA = ResponseSchema.fromResource("message_reply", ReplyComposer.class,
            "message_reply.schema.json");
    static final String INSTRUCTIONS = "You are a helpful assistant answering people in a chat. Reply to the "
            + "person's last message in a few sentences, using only this conversation. Never mention other people "
            + "or other conversations.";
    /** Longest reply sent, ellipsis included; a longer one is cut at a word ({@link ReplyCut}). */
    static final int MAX_REPLY_CHARS = 1600;

    private final LlmClient llm;

    public ReplyComposer(LlmClient llm) {
        this.llm = llm;
    }

    static ChatRequest request(List<HistoryEntry> history, String message) {
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(ChatMessage.system(INSTRUCTIONS));
        for (HistoryEntry e : history) {
            messages.add(e.fromPerson() ? ChatMessage.user(e.body()) : ChatMessage.assistant(e.body()));
        }
        messages.add(ChatMessage.user(message));
        return ChatRequest.of(messages);
    }

    /** The reply's text, trimmed and at most {@link #MAX_REPLY_CHARS}. */
    public String compose(List<HistoryEntry> history, String message, Cancellation cancellation) throws JobException {
        String reply;
        try {
            reply = llm.chatStructured(request(history, message), SCHEMA, ReplyAnswer.class, cancellation).value().reply();
        } catch (LlmException e) {
            throw e.toJobException();
        }
        reply = reply == null ? "" : reply.strip();
        if (reply.isEmpty()) {
            throw new RetryableJobException("invalid_output", "The model answered an empty reply.");
        }
        return ReplyCut.cut(reply, MAX_REPLY_CHARS);
    }
}
