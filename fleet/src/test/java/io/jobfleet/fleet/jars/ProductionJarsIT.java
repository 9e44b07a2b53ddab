package io.jobfleet.fleet.jars;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Reads the jars the package phase built (this runs in the integration-test phase and builds
 * nothing): a worker jar holds production code only; the fleet jar holds the simulator and every
 * family's simulated answers.
 */
class ProductionJarsIT {
    private static final String SERVICES = "META-INF/services/io.jobfleet.llm.sim.SimulatedAnswers";

    /** Test code that must never reach a worker jar. */
    private static final List<String> FORBIDDEN = List.of(
            "io/jobfleet/llm/sim/",                 // the LLM simulator
            "io/jobfleet/documents/sim/",           // the families' simulated answers
            "io/jobfleet/collections/sim/",
            "io/jobfleet/ai/sim/",
            "io/jobfleet/messages/sim/",            // the message provider simulator
            SERVICES,
            "io/jobfleet/text/samples/",            // the sample PDF/DOCX writers
            "io/jobfleet/testing/",                 // the test harness
            "org/junit/", "org/assertj/", "org/awaitility/", "mockwebserver3/");

    private static Path root() {
        return Path.of(System.getProperty("jobfleet.root", "..")).toAbsolutePath().normalize();
    }

    private static List<String> entries(Path jar) throws IOException {
        assertThat(jar).as("built by the package phase").isRegularFile();
        try (JarFile file = new JarFile(jar.toFile())) {
            return Collections.list(file.entries()).stream().map(ZipEntry::getName).toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "worker-ai, io/jobfleet/ai/Main.class",
        "worker-documents, io/jobfleet/documents/Main.class",
        "worker-collections, io/jobfleet/collections/Main.class",
        "worker-messages, io/jobfleet/messages/Main.class"})
    void aWorkerJarHoldsProductionCodeOnly(String module, String main) throws IOException {
        List<String> entries = entries(root().resolve(module).resolve("target").resolve(module + ".jar"));

        assertThat(entries).as("the family's own code and the engine are there").contains(main,
                "io/jobfleet/engine/Worker.class", "io/jobfleet/llm/LlmClient.class");
        for (String forbidden : FORBIDDEN) {
            assertThat(entries).as(module + ".jar").noneMatch(e -> e.startsWith(forbidden));
        }
    }

    @Test
    void theFleetJarRunsTheSimulatorWithEveryFamilysAnswers() throws IOException {
        Path jar = root().resolve("fleet/target/jobfleet-fleet.jar");
        assertThat(entries(jar)).contains("io/jobfleet/llm/sim/LlmSimulatorCommand.class",
                "io/jobfleet/documents/sim/DocumentsAnswers.class",
                "io/jobfleet/collections/sim/CollectionsAnswers.class",
                "io/jobfleet/messages/sim/MessagesAnswers.class", "io/jobfleet/messages/sim/MessagesSimCommand.class",
                "io/jobfleet/text/samples/SampleDocuments.class");
        // the console and the scripts it serves from the classpath
        assertThat(entries(jar)).contains("io/jobfleet/console/ConsoleCommand.class",
                "io/jobfleet/console/static/console.js",
                "META-INF/resources/webjars/htmx.org/2.0.10/dist/htmx.min.js",
                "META-INF/resources/webjars/uplot/1.6.30/dist/uPlot.iife.min.js");
        try (JarFile file = new JarFile(jar.toFile());
             InputStream in = file.getInputStream(file.getEntry(SERVICES))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip))
                    .contains("io.jobfleet.documents.sim.DocumentsAnswers",
                            "io.jobfleet.collections.sim.CollectionsAnswers", "io.jobfleet.messages.sim.MessagesAnswers");
        }
    }
}
