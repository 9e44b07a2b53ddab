package io.jobfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobfleet.bridge.BridgeConfig;
import io.jobfleet.config.DbConfig;
import io.jobfleet.testing.AppQueues;
import io.jobfleet.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class BridgeCommandTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    private static AppQueues app;

    @BeforeAll
    static void appTables() {
        app = AppQueues.create(DB);
    }

    @Test
    void installStatusAndRemoveFromTheCommandLine(@TempDir Path dir) throws Exception {
        UUID firstRow = app.insertInvoice(UUID.randomUUID(), 0);
        BridgeConfig config = app.bridge("processing-queue.yaml", "processing_queue");
        Path file = dir.resolve("invoices.yaml");
        Files.writeString(file, config.toJson());

        Cli.Result install = Cli.run(DB, "bridge", "install", "--config", file.toString());
        assertThat(install.exit()).as(install.toString()).isZero();
        assertThat(install.out()).contains("bridge invoices installed", "1 pending row enqueued");
        UUID secondRow = app.insertInvoice(UUID.randomUUID(), 0);

        Cli.Result status = Cli.run(DB, "bridge", "status");
        assertThat(status.exit()).as(status.toString()).isZero();
        assertThat(status.out()).contains("bridge invoices on", ": ok").containsPattern("jobs\\s+pending\\s+2")
                .containsPattern("app\\s+pending\\s+2");
        Cli.Result json = Cli.run(DB, "bridge", "status", "invoices", "--json");
        assertThat(json.json().get(0).get("jobs").get("pending").asLong()).isEqualTo(2);

        app.update("UPDATE {app}.processing_queue SET status = 'failed'");
        Cli.Result mismatch = Cli.run(DB, "bridge", "status");
        assertThat(mismatch.exit()).as(mismatch.toString()).isEqualTo(ExitCodes.PROBLEMS_FOUND);
        assertThat(mismatch.out()).contains("MISMATCH: 2 app row(s) whose status differs from their job's (ids ")
                .contains(firstRow.toString()).contains(secondRow.toString());

        Cli.Result remove = Cli.run(DB, "bridge", "remove", "--config", file.toString());
        assertThat(remove.exit()).as(remove.toString()).isZero();
        assertThat(Cli.run(DB, "bridge", "remove", "invoices").exit()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(Cli.run(DB, "bridge", "status").out()).contains("no bridges installed");
        assertThat(Cli.run(DB, "bridge", "install").exit()).isEqualTo(ExitCodes.USAGE);
        Cli.Result help = Cli.run(DB, "bridge", "install", "--help");
        assertThat(help.out()).contains("JOBFLEET_BRIDGE_CONFIG");
    }

    @Test
    void aKindThatTheQueuesFamilyDoesNotRunIsRefused(@TempDir Path dir) throws Exception {
        BridgeConfig config = app.bridge("processing-queue.yaml", "processing_queue");
        Path file = dir.resolve("typo.yaml");
        Files.writeString(file, config.toJson().replace("\"invoice.process\"", "\"invoice.procss\""));

        Cli.Result install = Cli.run(DB, "bridge", "install", "--config", file.toString());
        assertThat(install.exit()).as(install.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(install.err()).contains("bridge invoices (" + file + "): kind 'invoice.procss' goes to queue "
                + "documents, whose documents workers run only document.extract, invoice.process: check its spelling");
        assertThat(Cli.run(DB, "bridge", "status").out()).contains("no bridges installed");

        Cli.Result enqueue = Cli.run(DB, "enqueue", "--kind", "invoice.procss");
        assertThat(enqueue.exit()).as(enqueue.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(enqueue.err()).contains("no family runs kind 'invoice.procss' (known kinds: document.extract, "
                + "invoice.process): check its spelling, or pass --queue for a worker of your own");
    }

    @Test
    void anUnqualifiedTableIsInTheAppSchema(@TempDir Path dir) throws Exception {
        BridgeConfig config = app.bridge("processing-queue.yaml", "processing_queue");
        ObjectNode tree = (ObjectNode) new ObjectMapper().readTree(config.toJson());
        tree.put("table", "processing_queue");
        Path file = dir.resolve("unqualified.yaml");
        Files.writeString(file, tree.toString());

        DbConfig inAppSchema = new DbConfig(DB.config().url(), DB.config().user(), DB.config().password(),
                DB.config().schema(), config.schemaName(), 4);
        Cli.Result install = Cli.run(inAppSchema, "bridge", "install", "--config", file.toString());
        assertThat(install.exit()).as(install.toString()).isZero();
        assertThat(install.out()).contains("bridge invoices installed on \"" + config.schemaName()
                + "\".processing_queue");
        assertThat(Cli.run(DB, "bridge", "remove", "invoices").exit()).isZero();
    }
}
