package io.jobfleet.ai.quota;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * A user's token budget this month, as {@code ai_token_quota(...)} reports it.
 *
 * @param monthlyLimit null when the user's budget is unlimited
 * @param usedTokens tokens of this month's ledger rows, reservations included
 * @param remainingTokens {@code monthlyLimit - usedTokens}, at least 0; null when unlimited
 * @param resetsAt the start of the next calendar month (UTC)
 */
public record QuotaStatus(Long monthlyLimit, long usedTokens, Long remainingTokens, Instant resetsAt) {

    public boolean exhausted() {
        return remainingTokens != null && remainingTokens <= 0;
    }

    /** The end-user message of a job refused for this budget. */
    public String exhaustedMessage() {
        return "Monthly AI token quota used up: " + usedTokens + " of " + monthlyLimit
                + " tokens this month. It resets on " + resetDay() + ".";
    }

    /** The end-user message of a call needing {@code needed} tokens that this budget refused. */
    public String refusalMessage(int needed) {
        if (exhausted()) {
            return exhaustedMessage();
        }
        return "Monthly AI token quota too low for this call: it may use up to " + needed + " tokens (prompt "
                + "and max_tokens), " + remainingTokens + " of " + monthlyLimit + " are left this month. Lower "
                + "max_tokens or shorten the prompt; the quota resets on " + resetDay() + ".";
    }

    private LocalDate resetDay() {
        return LocalDate.ofInstant(resetsAt, ZoneOffset.UTC);
    }
}
