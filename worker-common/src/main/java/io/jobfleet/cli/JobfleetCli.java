package io.jobfleet.cli;

import io.jobfleet.config.ConfigException;
import io.jobfleet.db.DatabaseHealth;
import io.jobfleet.db.SchemaOutdatedException;
import io.jobfleet.db.ServerError;
import io.jobfleet.family.WorkerFamily;
import io.jobfleet.runtime.StartWarmup;
import java.util.List;
import picocli.CommandLine;

/**
 * Builds the command line of a worker jar and runs it. Exceptions become exit codes with a
 * one-line message, never a stack trace.
 */
public final class JobfleetCli {
    private JobfleetCli() {
    }

    /** Extra subcommands (e.g. fleet's demo and the LLM simulator) added by whoever builds the CLI. */
    public static CommandLine commandLine(List<WorkerFamily> families, List<Object> extraCommands) {
        CommandLine cl = new CommandLine(new JobfleetCommand(families));
        cl.setCommandName(families.size() == 1 ? "worker-" + families.get(0).name() : "jobfleet");
        CommandLine run = new CommandLine(new RunCommand());
        if (families.size() == 1 && families.get(0).options() != null) {
            // the family's own flags (e.g. --ai-default-monthly-tokens) belong to its run command
            run.addMixin("family", families.get(0).options());
        }
        cl.addSubcommand("run", run);
        cl.addSubcommand(new MigrateCommand());
        cl.addSubcommand(new CheckCommand());
        cl.addSubcommand(new EnqueueCommand());
        cl.addSubcommand(new StatusCommand());
        cl.addSubcommand(new CancelCommand());
        cl.addSubcommand(new StatsCommand());
        cl.addSubcommand(new DiagnoseCommand());
        cl.addSubcommand(new UnlockCommand());
        cl.addSubcommand(new RetryCommand());
        cl.addSubcommand(new PruneCommand());
        cl.addSubcommand(new BridgeCommand());
        cl.addSubcommand(new PauseCommand());
        cl.addSubcommand(new ResumeCommand());
        cl.addSubcommand(new LimitCommand());
        cl.addSubcommand(new RateLimitCommand());
        cl.addSubcommand(new ScheduleCommand());
        for (Object extra : extraCommands) {
            cl.addSubcommand(extra);
        }
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println(cmd.getColorScheme().errorText("error: " + message(e)));
            return exitCode(e);
        });
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    /**
     * Entry point of a worker jar's {@code main}: returns the exit code. What the command wrote is
     * flushed first: the caller ends the JVM with {@code System.exit}, and picocli's writers flush
     * only at a line end, so a last {@code print} without one would be lost.
     */
    public static int run(List<WorkerFamily> families, List<Object> extraCommands, String... args) {
        LogSetup.configure(args);
        CommandLine cl = StartWarmup.whileBuilding(() -> commandLine(families, extraCommands));
        try {
            return cl.execute(args);
        } finally {
            cl.getOut().flush();
            cl.getErr().flush();
        }
    }

    static int exitCode(Exception e) {
        if (e instanceof CommandFailure cf) {
            return cf.exitCode();
        }
        if (e instanceof SchemaOutdatedException) {
            return ExitCodes.SCHEMA_OUTDATED;
        }
        if (e instanceof ConfigException || e instanceof IllegalArgumentException) {
            return ExitCodes.USAGE;
        }
        if (DatabaseHealth.isConnectionProblem(e)) {
            return ExitCodes.DATABASE_UNAVAILABLE;
        }
        return ExitCodes.FAILURE;
    }

    static final String PRIVILEGE_HINT = "\nthe connected role (--db-user / JOBFLEET_DB_USER) lacks a privilege for this "
            + "command; which role runs what (docs/operations.md, \"Database roles\"):"
            + "\n  migrate: the owner of the jobfleet schema (--app-tables also needs CREATE on the app schema: "
            + "GRANT CREATE ON SCHEMA public TO it, on PostgreSQL 15 and later)"
            + "\n  FAMILY run, FAMILY check: a role with the grants of deploy/sql/worker-role.sql"
            + "\n  enqueue: the app's role (deploy/sql/app-role.sql) or a worker's"
            + "\n  stats, status, diagnose, the lists, pause, resume, retry, cancel, unlock: a member of "
            + "jobfleet_console (deploy/sql/console-role.sql)"
            + "\n  limit, rate-limit and schedule changes, prune: the owner";

    static final String CREDENTIALS_HINT = "\ncheck the role and its password: --db-user (JOBFLEET_DB_USER) and "
            + "--db-password-file (JOBFLEET_DB_PASSWORD_FILE)";
    static final String NO_DATABASE_HINT = "\nthe database named in --db-url (JOBFLEET_DB_URL) does not exist on that "
            + "server: check its name, or create it";
    static final String UNREACHABLE_HINT = "\ncheck the host and port of --db-url (JOBFLEET_DB_URL), and that "
            + "PostgreSQL is running there and accepts TCP connections";

    static String message(Exception e) {
        if (DatabaseHealth.isConnectionProblem(e)) {
            // the driver's own words name the host and port (never the password); the pool's
            // "request timed out" wraps them, and a socket exception under them names neither
            Throwable said = null;
            Throwable root = e;
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof java.sql.SQLException && t.getMessage() != null) {
                    said = t;
                }
                root = t;
            }
            return "database unavailable: " + (said != null ? said : root).getMessage() + connectionHint(e);
        }
        // what the database said, not the statement's text and bound values (payloads, keys) that a
        // Jdbi exception's message carries after it
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && t.getMessage() != null) {
                return "the database refused it: " + t.getMessage()
                        + (ServerError.lacksPrivilege(sql) ? PRIVILEGE_HINT : connectionHint(e));
            }
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }

    /** What to check when no connection could be made: the credentials, the database's name or the address. */
    private static String connectionHint(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("28")) {
                    return CREDENTIALS_HINT; // invalid password or authorization
                }
                if (state.equals("3D000")) {
                    return NO_DATABASE_HINT;
                }
            }
            if (t instanceof java.net.ConnectException || t instanceof java.net.UnknownHostException
                    || t instanceof java.net.NoRouteToHostException) {
                return UNREACHABLE_HINT;
            }
        }
        return "";
    }
}
