package io.jobfleet.console;

import io.jobfleet.cli.DbOptions;
import io.jobfleet.db.Database;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code jobfleet console}: serves the operator web console until stopped (SIGTERM, Ctrl-C). */
@Command(name = "console", mixinStandardHelpOptions = true, subcommands = AddUserCommand.class,
        description = {"Serve the operator web console: overview, jobs, workers, diagnose and schedules, with "
                + "retry, cancel, unlock, pause/resume and bulk retry, each written to the audit table.",
                "Sign-in required: users and tokens from --users-file (see `console add-user`)."})
public final class ConsoleCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DbOptions db;

    @Mixin
    ConsoleOptions options;

    private final Function<String, String> workerOfQueue;

    /** {@code workerOfQueue} names the program serving a queue, for the diagnose page's advice. */
    public ConsoleCommand(Function<String, String> workerOfQueue) {
        this.workerOfQueue = workerOfQueue;
    }

    @Override
    public Integer call() throws Exception {
        ConsoleConfig config = options.toConfig();
        Database database = db.openCurrent("jobfleet-console", ConsoleConfig.POOL_SIZE_DEFAULT);
        ConsoleServer server;
        try {
            server = ConsoleServer.start(config, database, workerOfQueue);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("jobfleet console on http://%s:%d/ (users from %s)%n", config.host(), server.port(),
                config.usersFile());
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            database.close();
            stopped.countDown();
        }, "jobfleet-console-stop"));
        stopped.await();
        return 0;
    }
}
