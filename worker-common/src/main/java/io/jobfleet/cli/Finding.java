package io.jobfleet.cli;

/**
 * One conclusion of {@code diagnose} with what to do about it. A {@link Severity#PROBLEM} makes
 * the command exit with {@link ExitCodes#PROBLEMS_FOUND}; a {@link Severity#NOTICE} does not.
 */
public record Finding(Severity severity, String code, String message) {
    public enum Severity { PROBLEM, NOTICE }

    static Finding problem(String code, String message) {
        return new Finding(Severity.PROBLEM, code, message);
    }

    static Finding notice(String code, String message) {
        return new Finding(Severity.NOTICE, code, message);
    }

    public boolean isProblem() {
        return severity == Severity.PROBLEM;
    }
}
