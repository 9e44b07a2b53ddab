package io.jobfleet.messages.cli;

import io.jobfleet.cli.AppMappingOptions;
import io.jobfleet.cli.CommandFailure;
import io.jobfleet.cli.DbOptions;
import io.jobfleet.cli.ExitCodes;
import io.jobfleet.db.Database;
import io.jobfleet.db.Migrations;
import io.jobfleet.messages.MessagesFamily;
import io.jobfleet.messages.store.MessageTables;
import io.jobfleet.messages.store.OutgoingMessage;
import io.jobfleet.messages.store.OutgoingTable;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code resolve ID --as-sent | --resend}: a person's decision on an UNCERTAIN outgoing message.
 * Only an UNCERTAIN row changes, in one statement, so a second resolve (or two at once) does nothing
 * and exits 7: a message is resolved at most once.
 */
@Command(name = "resolve", mixinStandardHelpOptions = true,
        description = {"Resolve an UNCERTAIN outgoing message: its send was cut off mid-call and the provider does not "
                + "de-duplicate, so it may or may not have been delivered.",
                "--as-sent: the provider has it (check its logs or console); it becomes SENT (with --provider-id if known).",
                "--resend: it was not delivered; it becomes PENDING and a new message.send job sends it with the same "
                + "idempotency key.",
                "Exits 2 when ID is not an id of the mapped type, 3 when the message does not exist and 7 when it is "
                + "not UNCERTAIN (resolved already)."})
public final class ResolveCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DbOptions db;

    @Mixin
    AppMappingOptions mapping;

    @Parameters(index = "0", paramLabel = "ID", description = "The outgoing message's id.")
    String id;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Decision decision;

    static final class Decision {
        @Option(names = "--as-sent", required = true, description = "It was delivered: mark it SENT.")
        boolean asSent;

        @Option(names = "--resend", required = true, description = "It was not delivered: send it again.")
        boolean resend;
    }

    @Option(names = "--provider-id", paramLabel = "ID", description = "With --as-sent: the provider's message id, if known.")
    String providerId;

    @Override
    public Integer call() {
        if (providerId != null && decision.resend) {
            throw new CommandFailure(ExitCodes.USAGE, "--provider-id goes with --as-sent only");
        }
        try (Database database = Database.open(db.toConfig(2), "jobfleet-resolve")) {
            new Migrations(database.dataSource(), database.schema()).requireCurrent();
            MessageTables tables = new MessageTables(mapping.resolve(new MessagesFamily(), database.config().appSchema())
                    .orElseThrow());
            OutgoingTable outgoing = tables.outgoing();
            if (!outgoing.mapping().idType().accepts(id)) {
                throw new CommandFailure(ExitCodes.USAGE, "ID must be " + outgoing.mapping().idType().description()
                        + ", the outgoing message's id (got '" + id + "')");
            }
            String note = decision.asSent ? "resolved as sent by " + operator() : "resend ordered by " + operator();
            boolean done = database.jdbi().inTransaction(h -> {
                Optional<String> conversation = outgoing.resolve(h, id, decision.asSent ? "sent" : "pending", providerId, note);
                if (conversation.isEmpty()) {
                    return false;
                }
                if (decision.resend) {
                    database.queue().enqueue(h, MessagesFamily.sendJob(id, conversation.get()));
                }
                return true;
            });
            if (!done) {
                OutgoingMessage m = outgoing.find(database.jdbi(), id).orElseThrow(() -> new CommandFailure(
                        ExitCodes.NOT_FOUND, OutgoingTable.label(id) + " not found"));
                throw new CommandFailure(ExitCodes.CONFLICT, OutgoingTable.label(id) + " is " + m.state().toUpperCase(
                        java.util.Locale.ROOT) + ", not UNCERTAIN: nothing to resolve" + (m.state().equals("failed")
                        ? " (it never reached the provider; `jobfleet retry JOB` of its failed message.send job, or "
                        + "`jobfleet retry --failed --queue messages --kind message.send`, sends it again)" : ""));
            }
            spec.commandLine().getOut().printf("%s %s%n", OutgoingTable.label(id),
                    decision.asSent ? "marked SENT" : "set to PENDING; a message.send job sends it again with its key");
            return ExitCodes.OK;
        }
    }

    private static String operator() {
        return System.getProperty("user.name", "unknown");
    }

}
