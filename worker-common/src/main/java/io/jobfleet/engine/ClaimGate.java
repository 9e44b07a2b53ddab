package io.jobfleet.engine;

/**
 * Lets a family hold claiming back (e.g. while the LLM endpoint's circuit breaker is open) so
 * jobs wait in pending instead of burning attempts.
 */
@FunctionalInterface
public interface ClaimGate {
    ClaimGate OPEN = () -> null;

    /** Null when claiming may go on, else why it is held back (for logs and metrics). */
    String closedBecause();
}
