package io.jobfleet.fleet.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.ai.AiFamily;
import io.jobfleet.collections.CollectionsFamily;
import io.jobfleet.documents.DocumentsFamily;
import io.jobfleet.engine.Payloads;
import io.jobfleet.family.WorkerFamily;
import io.jobfleet.messages.MessagesFamily;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The demo end to end (CI size): embedded PostgreSQL, simulator, worker JVMs, a SIGKILL, the JSON report. */
class DemoCommandTest {
    @Test
    void demoRunsTheFleetEndToEnd(@TempDir Path work) {
        List<WorkerFamily> families = List.of(new AiFamily(), new DocumentsFamily(), new CollectionsFamily(),
                new MessagesFamily());
        StringWriter out = new StringWriter();
        StringWriter progress = new StringWriter();
        CommandLine cl = new CommandLine(new DemoCommand(families));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(progress, true));
        int exit = cl.execute("--quick", "--json", "--work-dir", work.toString());
        System.out.println(progress);
        System.out.println(out);

        JsonNode report = Payloads.tree(out.toString());
        assertThat(exit).as(progress.toString()).isZero();
        assertThat(report.get("exit_code").asInt()).isZero();
        assertThat(report.get("finished").asBoolean()).isTrue();
        assertThat(report.get("as_expected").asBoolean()).as(report.get("surprises").toString()).isTrue();
        assertThat(report.get("surprises")).isEmpty();
        assertThat(report.get("expected_failures").asInt()).isPositive();

        JsonNode kinds = report.get("kinds");
        assertThat(kinds.fieldNames()).toIterable().contains("ai.generate", "document.extract_requirements",
                "invoice.process", "collection.generate");
        int jobs = 0;
        for (Map.Entry<String, JsonNode> k : kinds.properties()) {
            assertThat(k.getValue().get("completed").asInt() + k.getValue().get("failed").asInt()).as(k.toString())
                    .isEqualTo(k.getValue().get("jobs").asInt());
            jobs += k.getKey().equals("message.send") ? 0 : k.getValue().get("jobs").asInt();
        }
        assertThat(jobs).as("every job of the mix is counted").isEqualTo(report.get("jobs").asInt());
        assertThat(kinds.get("message.send").get("completed").asInt()).as("each reply sent, by the job its reply enqueued")
                .isEqualTo(kinds.get("message.reply").get("completed").asInt());
        assertThat(kinds.get("ai.generate").get("completed").asInt()).isPositive();
        assertThat(kinds.get("document.extract_requirements").get("rescues").asInt())
                .as("the killed worker's jobs were rescued").isPositive();

        JsonNode kill = report.get("kill");
        assertThat(kill.get("worker").asText()).isEqualTo("worker-documents");
        assertThat(kill.get("held").asInt()).isPositive();
        assertThat(kill.get("replacement").asText()).isEqualTo("worker-documents-2");
        assertThat(report.get("next_steps")).anyMatch(s -> s.asText().startsWith("./jobfleet diagnose --db-url "));
    }
}
