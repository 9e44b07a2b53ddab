package io.jobfleet.messages.reply;

import org.jdbi.v3.core.Handle;

/** Enqueues the {@code message.send} job of a new outgoing message, in the caller's transaction. */
@FunctionalInterface
public interface SendJobs {
    void enqueue(Handle h, String outgoingId, String conversationId);
}
