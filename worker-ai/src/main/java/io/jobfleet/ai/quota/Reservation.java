package io.jobfleet.ai.quota;

/**
 * Tokens held against a user's budget for one attempt: the {@code ai_usage_ledger} row with state
 * {@code reserved}, inserted before the LLM call and settled after it.
 *
 * @param ledgerId the row's id
 * @param tokens what was reserved: the prompt estimate plus {@code max_tokens}
 */
public record Reservation(long ledgerId, String userId, int tokens) {
}
