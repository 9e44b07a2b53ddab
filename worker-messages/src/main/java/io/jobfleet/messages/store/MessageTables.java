package io.jobfleet.messages.store;

import io.jobfleet.mapping.AppMapping;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** The messages family's app tables with their statements, rendered once from the mapping at start. */
public final class MessageTables {
    private final IncomingTable incoming;
    private final OutgoingTable outgoing;

    public MessageTables(AppMapping mapping) {
        this.incoming = new IncomingTable(mapping.table(MessagesMapping.INCOMING), mapping.table(MessagesMapping.OUTGOING));
        this.outgoing = new OutgoingTable(mapping.table(MessagesMapping.OUTGOING), mapping.table(MessagesMapping.INCOMING));
    }

    public IncomingTable incoming() {
        return incoming;
    }

    public OutgoingTable outgoing() {
        return outgoing;
    }

    /**
     * In the reply's completing transaction: locks the incoming row, writes the reply as a PENDING
     * outgoing message with a new idempotency key and marks the incoming row REPLIED. Returns the
     * new outgoing id; empty (and nothing written) when the incoming row is gone or already has
     * its reply, so a second reply job for one message sends nothing twice.
     */
    public Optional<String> writeReply(Handle h, IncomingMessage in, String body) {
        Optional<String> state = incoming.lock(h, in.id());
        if (state.isEmpty() || state.get().equals("replied") || outgoing.replyOf(h, in.id()).isPresent()) {
            return Optional.empty();
        }
        String id = outgoing.insert(h, in.conversationId(), in.id(), in.sender(), body, UUID.randomUUID().toString());
        incoming.replied(h, in.id());
        return Optional.of(id);
    }
}
