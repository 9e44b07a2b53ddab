package io.jobfleet.config;

/**
 * The environment of the worker processes a tool starts on its own (the demo, the chaos suite,
 * the bench's worker processes): the tool's environment without the shell's worker settings,
 * {@code JOBFLEET_*} and {@code OTEL_*}. Such a tool gives its workers every setting they need as
 * a flag; a setting the user exported for their own workers ({@code JOBFLEET_APP_SCHEMA=app},
 * {@code JOBFLEET_LISTEN_URL}, {@code JOBFLEET_LLM_BASE_URL}) would otherwise reach them, and the
 * demo's documents worker stopped at start looking for the app's tables in schema {@code app}.
 */
public final class WorkerEnvironment {
    private WorkerEnvironment() {
    }

    /** Removes the worker settings from {@code pb}'s environment; returns {@code pb}. */
    public static ProcessBuilder withoutShellSettings(ProcessBuilder pb) {
        pb.environment().keySet().removeIf(WorkerEnvironment::isWorkerSetting);
        return pb;
    }

    /** Whether {@code name} is a variable a worker reads as a setting. */
    static boolean isWorkerSetting(String name) {
        return name.startsWith("JOBFLEET_") || name.startsWith("OTEL_");
    }
}
