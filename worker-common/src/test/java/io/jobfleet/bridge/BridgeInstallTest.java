package io.jobfleet.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobfleet.config.ConfigException;
import io.jobfleet.testing.AppQueues;
import io.jobfleet.testing.TestDatabase;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Install, re-install, remove and status of bridges, without workers; quoting of odd names. */
class BridgeInstallTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    static AppQueues app;
    private final Bridges bridges = new Bridges(DB.db());

    @BeforeAll
    static void tables() {
        app = AppQueues.create(DB);
    }

    @Test
    void removeLeavesNoTriggerOrFunctionBehind() {
        long before = bridgeObjects();
        bridges.install(app.bridge("processing-queue.yaml", "processing_queue"));
        assertThat(bridgeObjects()).isEqualTo(before + 6);
        assertThat(bridges.remove("invoices")).isTrue();
        assertThat(bridgeObjects()).isEqualTo(before);
        assertThat(bridges.remove("invoices")).as("nothing left to remove").isFalse();
        UUID id = app.insertInvoice(UUID.randomUUID(), 0);
        assertThat(count("SELECT count(*) FROM " + DB.jobs() + " WHERE source_id = '" + id + "'")).isZero();
    }

    @Test
    void reinstallReplacesTheBridgeAndNeverEnqueuesTwice() {
        UUID early = app.insertAsyncJob("ai-generation", "{}");
        BridgeConfig config = app.bridge("async-jobs.yaml", "async_jobs");
        assertThat(bridges.install(config).backfilled()).isEqualTo(1);
        Bridges.Installed again = bridges.install(config.withTable(config.table()));
        assertThat(again.replaced()).isTrue();
        assertThat(again.backfilled()).as("the pending row already has its job").isZero();
        UUID later = app.insertAsyncJob("collection-generation", "{}");
        assertThat(count("SELECT count(*) FROM " + DB.jobs() + " WHERE bridge = 'async_jobs'")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM " + DB.jobs() + " WHERE source_id = '" + later
                + "' AND queue = 'collections' AND kind = 'collection.generate'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM " + DB.jobs() + " WHERE source_id = '" + early
                + "' AND queue = 'ai' AND kind = 'ai.generate'")).isEqualTo(1);
        assertThat(bridges.remove("async_jobs")).isTrue();
    }

    @Test
    void statusCountsBothSidesAndFlagsWhatDoesNotAddUp() {
        app.update("TRUNCATE {app}.processing_queue");
        bridges.install(app.bridge("processing-queue.yaml", "processing_queue"));
        UUID a = app.insertInvoice(UUID.randomUUID(), 0);
        app.insertInvoice(UUID.randomUUID(), 0);
        BridgeStatus ok = bridges.status(Optional.of("invoices")).get(0);
        assertThat(ok.ok()).as(ok.toString()).isTrue();
        assertThat(ok.jobs()).containsEntry("pending", 2L);
        assertThat(ok.source()).containsEntry("pending", 2L);

        // someone sets a row by hand, and a trigger is dropped
        app.update("UPDATE {app}.processing_queue SET status = 'completed' WHERE id = ?", a);
        app.update("DROP TRIGGER jobfleet_bridge_invoices_enqueue ON {app}.processing_queue");
        app.insertInvoice(UUID.randomUUID(), 0);
        BridgeStatus bad = bridges.status(Optional.of("invoices")).get(0);
        assertThat(bad.ok()).isFalse();
        assertThat(bad.mismatched()).isEqualTo(1);
        assertThat(bad.pendingWithoutJob()).isEqualTo(1);
        assertThat(bad.missingTriggers()).singleElement().asString().contains("jobfleet_bridge_invoices_enqueue");
        assertThat(bridges.remove("invoices")).isTrue();
    }

    @Test
    void prismaTimestampsAreReadInTheBridgesZoneWhateverTheSessionsZone() {
        bridges.install(app.bridge("prisma-jobs.yaml", "jobs"));
        LocalDateTime at = LocalDateTime.of(2030, 1, 2, 3, 4, 5);
        DB.db().jdbi().useHandle(h -> {
            h.execute("SET TimeZone = 'Asia/Tokyo'");
            h.createUpdate("INSERT INTO " + app.schema() + ".\"jobs\" (\"id\", \"type\", \"payload\", \"scheduledAt\", \"updatedAt\") "
                    + "VALUES ('ctz1', 'EXTRACT_REQUIREMENTS', '{}', ?, now())").bind(0, at).execute();
            h.execute("RESET TimeZone");
        });
        OffsetDateTime scheduled = DB.db().jdbi().withHandle(h -> h.createQuery("SELECT scheduled_at FROM " + DB.jobs()
                + " WHERE source_id = 'ctz1'").mapTo(OffsetDateTime.class).one());
        assertThat(scheduled.toInstant()).isEqualTo(at.toInstant(ZoneOffset.UTC));
        assertThat(bridges.remove("prisma_jobs")).isTrue();
    }

    @Test
    void oddNamesAndWordsAreQuotedNeverSpliced() {
        String s = app.schema();
        app.update("CREATE TABLE " + s + ".\"Odd \"\"Queue\"\"; --\" (\"Id\" bigint PRIMARY KEY, \"St'ate\" text NOT NULL, "
                + "\"K$ind\" text NOT NULL)");
        BridgeConfig odd = BridgeConfig.parse("""
                name: odd
                table: '%s."Odd ""Queue""; --"'
                id: Id
                status: {column: "St'ate", pending: "it's new", running: "run$jobfleet$ning", completed: 'done\\\\', failed: "x'); DROP TABLE y; --"}
                kind: {column: K$ind, values: {"a'b": "k.'quoted'"}}
                queue: "q'ueue"
                """.formatted(s));
        bridges.install(odd);
        app.update("INSERT INTO " + s + ".\"Odd \"\"Queue\"\"; --\" VALUES (1, 'it''s new', 'a''b'), (2, 'it''s new', 'other')");
        assertThat(count("SELECT count(*) FROM " + DB.jobs() + " WHERE bridge = 'odd' AND kind = 'k.''quoted''' "
                + "AND queue = 'q''ueue' AND source_id = '1'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM " + DB.jobs() + " WHERE bridge = 'odd'")).as("unmapped kinds are left alone").isEqualTo(1);
        DB.db().jdbi().useHandle(h -> h.execute("UPDATE " + DB.jobs() + " SET status = 'failed' WHERE bridge = 'odd'"));
        String word = DB.db().jdbi().withHandle(h -> h.createQuery("SELECT \"St'ate\" FROM " + s
                + ".\"Odd \"\"Queue\"\"; --\" WHERE \"Id\" = 1").mapTo(String.class).one());
        assertThat(word).isEqualTo("x'); DROP TABLE y; --");
        assertThat(bridges.remove("odd")).isTrue();
    }

    @Test
    void configurationsThatDoNotFitTheTableAreRefusedWithAMessage() {
        BridgeConfig prisma = app.bridge("prisma-jobs.yaml", "jobs");
        assertThatThrownBy(() -> bridges.install(prisma.withTable(app.schema() + ".\"Job\"")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> bridges.install(BridgeConfig.parse(prisma.toJson().replace("\"PROCESSING\"", "\"RUNNING\""))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("status word \"RUNNING\" is not a value of enum")
                .hasMessageContaining("PENDING, PROCESSING, COMPLETED, FAILED, CANCELLED");
        assertThatThrownBy(() -> bridges.install(BridgeConfig.parse(prisma.toJson().replace("\"scheduledAt\":\"scheduledAt\"",
                "\"scheduledAt\":\"scheduled_at\"")))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("column \"scheduled_at\" does not exist").hasMessageContaining("case matters");
        assertThatThrownBy(() -> BridgeConfig.parse("name: x\ntable: jobs\nstatus: {column: s, pending: a, running: b, "
                + "completed: c, failed: d}\nkind: {fixed: k}\nqueue: q"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("schema-qualified");
        assertThatThrownBy(() -> BridgeConfig.parse("name: x\ntable: a.b\nstatus: {column: s, pending: a, running: a, "
                + "completed: c, failed: d}\nkind: {fixed: k}\nqueue: q"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("must all differ");
        assertThatThrownBy(() -> BridgeConfig.parse("name: x\ntable: a.b\nstaus: {}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown setting staus");
        assertThatThrownBy(() -> BridgeConfig.parse("name: x\ntable: a.b\nstatus: {column: s, pendin: a}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown setting status.pendin");
        assertThat(count("SELECT count(*) FROM \"" + DB.config().schema() + "\".bridges")).isZero();
    }

    private long bridgeObjects() {
        return count("SELECT (SELECT count(*) FROM pg_trigger WHERE tgname LIKE '%bridge_%') "
                + "+ (SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                + "WHERE n.nspname = '" + DB.config().schema() + "' AND p.proname LIKE 'bridge\\_%\\_%' AND p.proname <> 'bridge_rename_keys')");
    }

    private static long count(String sql) {
        return DB.db().jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }
}
