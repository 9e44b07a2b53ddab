package io.jobfleet.fleet;

import io.jobfleet.ai.AiFamily;
import io.jobfleet.cli.JobfleetCli;
import io.jobfleet.collections.CollectionsFamily;
import io.jobfleet.console.ConsoleCommand;
import io.jobfleet.documents.DocumentsFamily;
import io.jobfleet.family.WorkerFamily;
import io.jobfleet.fleet.chaos.ChaosCommand;
import io.jobfleet.fleet.demo.DemoCommand;
import io.jobfleet.llm.sim.LlmSimulatorCommand;
import io.jobfleet.messages.MessagesFamily;
import io.jobfleet.messages.cli.ResolveCommand;
import io.jobfleet.messages.sim.MessagesSimCommand;
import java.util.List;

/**
 * {@code jobfleet}: the operator's tool. It knows every family (so {@code enqueue} finds the queue
 * of a kind and {@code migrate --app-tables} creates every reference table) but runs no worker:
 * workers are the {@code worker-*} jars. It also runs the LLM simulator ({@code llm-sim}) with every
 * family's simulated answers, the message provider simulator ({@code messages-sim}), the messages
 * family's {@code resolve} and the operator web console ({@code console}).
 */
public final class FleetMain {
    private FleetMain() {
    }

    public static void main(String[] args) {
        System.exit(JobfleetCli.run(FAMILIES, extraCommands(), args));
    }

    static final List<WorkerFamily> FAMILIES = List.of(new AiFamily(), new DocumentsFamily(), new CollectionsFamily(),
            new MessagesFamily());

    /** The commands of the operator's tool beside those every worker jar has. */
    static List<Object> extraCommands() {
        ConsoleCommand console = new ConsoleCommand(queue -> FAMILIES.stream().filter(f -> f.queue().equals(queue))
                .findFirst().map(f -> "worker-" + f.name()).orElse("a worker for queue " + queue));
        return List.of(new DemoCommand(FAMILIES), new ChaosCommand(FAMILIES), new LlmSimulatorCommand(),
                new MessagesSimCommand(), new ResolveCommand(), console);
    }
}
