package io.jobfleet.messages.store;

/** One message of a conversation's history: {@code fromPerson} for incoming, else the agent's reply. */
public record HistoryEntry(boolean fromPerson, String body) {
}
