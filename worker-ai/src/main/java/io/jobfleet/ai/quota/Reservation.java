package io.jobfleet.ai.quota;

/**
 * Tokens held against a user's budget for one attempt: the ledger row with state
 * {@code reserved}, inserted before the LLM call and settled after it.
 *
 * @param ledgerId the row's id, as text (whatever the mapped id type)
 * @param tokens what was reserved: the prompt estimate plus {@code max_tokens}
 */
public record Reservation(String ledgerId, String userId, int tokens) {
}
