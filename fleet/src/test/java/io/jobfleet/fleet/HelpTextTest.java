package io.jobfleet.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobfleet.cli.JobfleetCli;
import io.jobfleet.family.WorkerFamily;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every {@code --help} of the operator's tool reads as sentences: picocli prints each element of a
 * description on a line of its own, so a sentence split over two elements breaks in the middle
 * ("... however many workers run; PostgreSQL" / "enforces them ..."). A sentence that spans source
 * lines is one element, concatenated with {@code +}.
 */
class HelpTextTest {
    @Test
    void noDescriptionBreaksASentenceAcrossLines() {
        CommandLine root = JobfleetCli.commandLine(FleetMain.FAMILIES, FleetMain.extraCommands());
        List<String> broken = new ArrayList<>();
        List<String> commands = new ArrayList<>();
        walk(root, broken, commands);

        assertThat(commands).as("commands walked").contains("jobfleet limit set", "jobfleet bridge install",
                "jobfleet chaos", "jobfleet console", "jobfleet run");
        assertThat(broken).isEmpty();
    }

    @Test
    void noFamilyFlagBreaksASentenceAcrossLines() {
        List<String> broken = new ArrayList<>();
        List<String> commands = new ArrayList<>();
        for (WorkerFamily family : FleetMain.FAMILIES) {
            walk(JobfleetCli.commandLine(List.of(family), List.of()), broken, commands);
        }

        assertThat(commands).as("commands walked").contains("worker-ai run", "worker-documents run",
                "worker-collections run", "worker-messages run");
        assertThat(broken).isEmpty();
    }

    private static void walk(CommandLine cl, List<String> broken, List<String> commands) {
        CommandSpec spec = cl.getCommandSpec();
        String name = spec.qualifiedName();
        commands.add(name);
        check(name, spec.usageMessage().description(), broken);
        for (ArgSpec arg : spec.args()) {
            check(name + " " + (arg instanceof OptionSpec option ? option.longestName() : arg.paramLabel()),
                    arg.description(), broken);
        }
        StringWriter help = new StringWriter();
        cl.usage(new PrintWriter(help));
        assertThat(help.toString()).as(name + " --help").startsWith("Usage: " + name);
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (sub.getParent() == cl) { // aliases are the same command
                walk(sub, broken, commands);
            }
        }
    }

    private static void check(String where, String[] lines, List<String> broken) {
        for (int i = 1; i < lines.length; i++) {
            String next = lines[i];
            if (!next.isEmpty() && Character.isLowerCase(next.charAt(0))) {
                broken.add(where + ": \"" + tail(lines[i - 1]) + "\" / \"" + next + "\"");
            }
        }
    }

    private static String tail(String s) {
        return s.length() <= 40 ? s : "..." + s.substring(s.length() - 40);
    }
}
