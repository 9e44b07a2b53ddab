package io.jobfleet.cli;

import java.io.UncheckedIOException;
import java.net.BindException;
import java.util.function.Supplier;

/** A command's expected failure: a message for the operator and the exit code to end with. */
public final class CommandFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    public CommandFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    /**
     * Starts a server with {@code start}; when its port ({@code --port}) is held by another process
     * (a {@link BindException} under the {@link UncheckedIOException} it throws), a usage error that
     * says what to do instead.
     */
    public static <T> T unlessPortTaken(String host, int port, Supplier<T> start) {
        try {
            return start.get();
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof BindException) {
                throw new CommandFailure(ExitCodes.USAGE, "port " + port + " on " + host + " is taken by another "
                        + "process: stop it, or choose another --port (0 picks a free one)");
            }
            throw e;
        }
    }
}
