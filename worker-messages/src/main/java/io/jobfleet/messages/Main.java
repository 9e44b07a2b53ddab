package io.jobfleet.messages;

import io.jobfleet.cli.JobfleetCli;
import io.jobfleet.messages.cli.ResolveCommand;
import java.util.List;

/** {@code worker-messages}: an AI agent's conversations: replies per conversation in order, sent once. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(JobfleetCli.run(List.of(new MessagesFamily()), List.of(new ResolveCommand()), args));
    }
}
