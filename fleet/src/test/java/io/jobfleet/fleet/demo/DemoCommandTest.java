package io.jobfleet.fleet.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobfleet.ai.AiFamily;
import io.jobfleet.collections.CollectionsFamily;
import io.jobfleet.documents.DocumentsFamily;
import io.jobfleet.family.WorkerFamily;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The demo end to end (CI size): embedded PostgreSQL, simulator, worker JVMs, a SIGKILL, the report. */
class DemoCommandTest {
    @Test
    void demoRunsTheFleetEndToEnd(@TempDir Path work) {
        List<WorkerFamily> families = List.of(new AiFamily(), new DocumentsFamily(), new CollectionsFamily());
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new DemoCommand(families));
        cl.setOut(new PrintWriter(out, true));
        int exit = cl.execute("--quick", "--work-dir", work.toString());
        String report = out.toString();
        System.out.println(report);
        assertThat(exit).as(report).isZero();
        assertThat(report).contains("killed worker-documents", "started a replacement worker-documents",
                "every job ended as expected", "ai.generate", "document.extract_requirements", "invoice.process",
                "collection.generate", "./jobfleet diagnose");
        assertThat(report).containsPattern("document\\.extract_requirements\\s+\\d+\\s+\\d+\\s+\\d+\\s+\\d+\\s+[1-9]");
    }
}
