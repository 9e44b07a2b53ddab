package io.jobfleet.messages;

import io.jobfleet.db.NewJob;
import io.jobfleet.llm.sim.testing.SimulatedLlm;
import io.jobfleet.testing.FamilyWorkers;
import io.jobfleet.testing.TestDatabase;

/** The messages family's additions to the shared harness: its workers and its jobs. */
public final class MessageJobs {
    private MessageJobs() {
    }

    /** Workers of the family with {@code settings}, calling the LLM simulator (start them with {@code start()}). */
    public static FamilyWorkers workers(TestDatabase db, SimulatedLlm llm, MessagesSettings settings) {
        return new FamilyWorkers(db, () -> new MessagesFamily(MessagesOptions.of(settings)), llm::client);
    }

    public static NewJob reply(long incomingId) {
        return MessagesFamily.replyJob(Long.toString(incomingId), null);
    }

    /** The reply job as the app enqueues it: ordered by its conversation. */
    public static NewJob reply(long incomingId, String conversationId) {
        return MessagesFamily.replyJob(Long.toString(incomingId), conversationId);
    }

    public static NewJob reply(String payload) {
        return NewJob.of(MessagesFamily.QUEUE, "message.reply", payload);
    }

    public static NewJob send(long outgoingId) {
        return MessagesFamily.sendJob(Long.toString(outgoingId), null);
    }
}
