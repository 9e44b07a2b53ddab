package io.jobfleet.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobfleet.db.JobSearchSql.Filter;
import io.jobfleet.db.JobSearchSql.Listed;
import io.jobfleet.db.StatsSql.KindStats;
import io.jobfleet.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The console's statements: the keyset-paged jobs list and its plan, stats per kind, the registry, the audit. */
class ConsoleStatementsTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    private static final int JOBS = 20_000;

    @BeforeAll
    static void manyJobs() {
        DB.db().jdbi().useHandle(h -> {
            h.execute("INSERT INTO " + DB.jobs() + " (queue, kind, payload, status, errors, completed_at, started_at) "
                    + "SELECT CASE WHEN i % 2 = 0 THEN 'a' ELSE 'b' END, 'k' || (i % 3), "
                    + "jsonb_build_object('user_id', 'u-' || (i % 100)), "
                    + "CASE WHEN i % 50 = 0 THEN 'failed' ELSE 'completed' END, "
                    + "CASE WHEN i % 50 = 0 THEN jsonb_build_array(jsonb_build_object('attempt', 1, 'class', "
                    + "CASE WHEN i % 100 = 0 THEN 'timeout' ELSE 'bad_input' END)) ELSE '[]'::jsonb END, "
                    + "now(), now() - interval '1 second' FROM generate_series(1, " + JOBS + ") i");
            h.execute("ANALYZE " + DB.jobs());
        });
    }

    @Test
    void pagesWalkTheTableNewestFirstWithoutGapsOrRepeats() {
        JobSearchSql sql = DB.db().admin().jobs();
        Filter f = new Filter(null, "a", null, null, null, null, null, "user_id", "u-42");
        JobSearchSql.Page first = sql.search(f, null, 30);
        JobSearchSql.Page second = sql.search(f, first.nextBefore(), 30);

        assertThat(first.rows()).hasSize(30).allSatisfy(j -> assertThat(j.queue()).isEqualTo("a"));
        assertThat(second.rows()).hasSize(30);
        assertThat(second.rows().get(0).id()).isLessThan(first.rows().get(29).id());
        assertThat(sql.search(f, null, 1000).rows()).hasSize(JOBS / 100);
        assertThat(sql.search(f, null, 1000).nextBefore()).isNull();
    }

    @Test
    void filtersOnTheLastAttemptsErrorClass() {
        List<Listed> timeouts = DB.db().admin().jobs().search(
                new Filter(null, null, null, "failed", "timeout", null, null, null, null), null, 500).rows();

        assertThat(timeouts).hasSize(JOBS / 100).allSatisfy(j -> assertThat(j.errorClass()).isEqualTo("timeout"));
        assertThat(DB.db().admin().retry().countFailed(new RetrySql.Filter(null, null, "bad_input", null)))
                .isEqualTo(JOBS / 100);
    }

    @Test
    void theListWalksThePrimaryKeyBackwardsAndStopsAtThePage() {
        String plan = DB.db().jdbi().withHandle(h -> String.join("\n", h.createQuery("EXPLAIN "
                        + DB.db().admin().jobs().searchSql())
                .bind("id", (Long) null).bind("beforeId", 10_000L).bind("floorId", 0L).bind("queue", "a").bind("kind", (String) null)
                .bind("status", "failed").bind("errorClass", (String) null)
                .bind("createdFrom", (java.time.OffsetDateTime) null).bind("createdTo", (java.time.OffsetDateTime) null)
                .bind("payloadKey", (String) null).bind("payloadValue", (String) null).bind("limit", 51)
                .mapTo(String.class).list()));

        assertThat(plan).contains("Limit").contains("Index Scan Backward using jobs_pkey").doesNotContain("Sort")
                .doesNotContain("Seq Scan");
    }

    @Test
    void aPageLooksAtOneStretchOfIdsAndOffersTheStretchBelow() {
        JobSearchSql sql = DB.db().admin().jobs();
        Filter none = new Filter(null, null, null, null, null, null, null, "user_id", "nobody");
        JobSearchSql.Page page = sql.search(none, 15_001L, 50, 1000);

        assertThat(page.rows()).isEmpty();
        assertThat(page.lookedBelow()).isEqualTo(15_001L);
        assertThat(page.lookedFrom()).isEqualTo(14_001L);
        assertThat(page.nextBefore()).isEqualTo(14_001L);
        Filter rare = new Filter(null, "a", null, null, null, null, null, "user_id", "u-42");
        JobSearchSql.Page some = sql.search(rare, 15_001L, 50, 1000);
        assertThat(some.rows()).hasSize(10).allSatisfy(j -> assertThat(j.id()).isBetween(14_001L, 15_000L));
        assertThat(some.nextBefore()).isEqualTo(14_001L);
        assertThat(sql.search(new Filter(7L, null, null, null, null, null, null, null, null), null, 50).rows())
                .extracting(Listed::id).containsExactly(7L);
    }

    @Test
    void statsPerKindAddUpToTheQueuesStats() {
        List<KindStats> byKind = DB.db().admin().stats().statsByKind("a", Duration.ofHours(1));
        List<QueueStats> byQueue = DB.db().admin().stats().stats("a", Duration.ofHours(1));

        assertThat(byKind).extracting(KindStats::kind).containsExactly("k0", "k1", "k2");
        assertThat(byKind.stream().mapToLong(k -> k.stats().completed()).sum()).isEqualTo(byQueue.get(0).completed());
    }

    @Test
    void theRegistryKeepsOneRowPerWorkerAndMarksAndPrunesTheGone() {
        WorkerRegistrySql registry = DB.db().admin().workers();
        var live = new WorkerRegistrySql.Registration("h:1:live", "h", 1, "0.1", "a", List.of("k0"), 4,
                Duration.ofSeconds(10));
        var dead = new WorkerRegistrySql.Registration("h:2:dead", "h", 2, "0.1", "a", List.of("k0"), 4,
                Duration.ofSeconds(10));
        registry.upsert(live, 0);
        registry.upsert(dead, 0);
        registry.upsert(live, 3);
        DB.db().jdbi().useHandle(h -> h.execute("UPDATE \"" + DB.config().schema()
                + "\".workers SET seen_at = now() - interval '1 minute' WHERE worker_id = 'h:2:dead'"));

        assertThat(registry.list()).extracting(WorkerRegistrySql.Worker::workerId, WorkerRegistrySql.Worker::held,
                WorkerRegistrySql.Worker::gone).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("h:1:live", 3, false),
                org.assertj.core.groups.Tuple.tuple("h:2:dead", 0, true));
        assertThat(registry.pruneStale(Duration.ofSeconds(30))).containsExactly("h:2:dead");
        registry.remove("h:1:live");
        assertThat(registry.list()).isEmpty();
    }

    @Test
    void theAuditKeepsWhoWhatAndHowMany() {
        AuditSql audit = DB.db().admin().audit();
        audit.record(new AuditSql.Entry("olivia", "bulk-retry", null, "{\"queue\": \"a\"}", 12, "12 retried"));

        AuditSql.Recorded r = audit.recent(1).get(0);
        assertThat(r.entry().actor()).isEqualTo("olivia");
        assertThat(r.entry().jobs()).isEqualTo(12);
        assertThat(r.entry().filterJson()).contains("\"queue\"");
        assertThat(r.at()).isNotNull();
    }
}
