package io.jobfleet.fleet.mix;

/** How many jobs of each sort the demo makes; {@code quick} is the CI-sized run. */
public record DemoSize(int aiUsers, int aiJobsPerUser, int documents, int invoices, int collections,
                       int conversations, int messagesPerConversation) {
    public static DemoSize full() {
        return new DemoSize(4, 10, 8, 6, 4, 4, 4);
    }

    public static DemoSize quick() {
        return new DemoSize(3, 4, 4, 3, 2, 2, 3);
    }
}
