package io.jobfleet.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobfleet.ai.config.AiSettings;
import io.jobfleet.config.EngineConfig;
import io.jobfleet.config.Pooler;
import io.jobfleet.db.Database;
import io.jobfleet.db.JobRow;
import io.jobfleet.engine.JobHandler;
import io.jobfleet.engine.Worker;
import io.jobfleet.family.FamilyRuntime;
import io.jobfleet.llm.sim.testing.SimulatedLlm;
import io.jobfleet.testing.FamilyWorkers;
import io.jobfleet.testing.JobsTable;
import io.jobfleet.testing.TestDatabase;
import io.jobfleet.testing.TestPgBouncer;
import io.jobfleet.testing.TestPostgres;
import io.jobfleet.testing.TestWorkers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ai.generate through a real PgBouncer in {@code pool_mode = transaction} with 3 server
 * connections for a worker pool of 14: consecutive transactions of one pooled connection run on
 * different server connections, so a search_path set per connection or a named prepared
 * statement would fail jobs. The app tables sit in a schema on no search_path.
 */
class TransactionPoolerTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    private static final int SERVER_CONNECTIONS = 3;
    private static final int CONCURRENCY = 8;
    private static final int POOL = CONCURRENCY + 6;
    private static TestPgBouncer bouncer;

    @BeforeAll
    static void appTablesAndPooler() {
        FamilyWorkers.migrateAppTables(DB, new AiFamily(AiSettings.defaults()));
        bouncer = TestPgBouncer.start(SERVER_CONNECTIONS);
    }

    @AfterAll
    static void stopPooler() {
        if (bouncer != null) {
            bouncer.close();
        }
    }

    @BeforeEach
    void emptyQueueAndLedger() {
        DB.truncateJobs(); // job ids start at 1 again: so must the ledger
        DB.db().jdbi().useHandle(h -> h.execute("TRUNCATE " + AiTesting.ledger(DB)));
    }

    @Test
    void twoHundredGenerationsCompleteAndSettleInTheAppSchemaPollOnly() {
        JobsTable jobs = new JobsTable(DB);
        Pooler pollOnly = new Pooler(Pooler.Mode.TRANSACTION, null);
        try (Database pooled = Database.open(bouncer.config(DB.config(), POOL, pollOnly), "pooled");
             SimulatedLlm llm = new SimulatedLlm().start();
             TestWorkers workers = new TestWorkers()) {
            pooled.jdbi().useHandle(h -> assertThat(h.createQuery("SELECT to_regclass('ai_usage_ledger')::text")
                    .mapTo(String.class).one()).as("the ledger is not reachable unqualified").isNull());
            Worker worker = start(workers, pooled, llm, TestWorkers.builder("ai").concurrency(CONCURRENCY).build());

            for (int i = 0; i < 200; i++) {
                jobs.enqueue("ai", "ai.generate", "{\"user_id\": \"user-" + i % 7 + "\", \"prompt\": \"Question "
                        + i + ": what is " + i + " times two?\"}");
            }
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                    .until(() -> jobs.count("pending") + jobs.count("running") == 0);

            Map<String, Long> byStatus = jobs.countByStatus();
            assertThat(byStatus).as(firstError(jobs) + "\npgbouncer log:\n" + bouncer.log())
                    .isEqualTo(Map.of("completed", 200L));
            assertThat(AiTesting.ledgerRows(DB)).as("one settled ledger row per job in " + DB.config().appSchema())
                    .isEqualTo(200);
            assertThat(worker.listening()).as("no LISTEN through a transaction-mode pooler").isFalse();
        }
    }

    @Test
    void withAListenUrlAJobIsWokenByNotifyNotByThePoll() {
        JobsTable jobs = new JobsTable(DB);
        Pooler pooler = new Pooler(Pooler.Mode.TRANSACTION, TestPostgres.url());
        try (Database pooled = Database.open(bouncer.config(DB.config(), POOL, pooler), "pooled-listen");
             SimulatedLlm llm = new SimulatedLlm().start();
             TestWorkers workers = new TestWorkers()) {
            // polls 60 s apart: only a notification can start the job within seconds
            EngineConfig config = TestWorkers.builder("ai").concurrency(CONCURRENCY)
                    .pollMin(Duration.ofSeconds(60)).pollMax(Duration.ofSeconds(60)).build();
            Worker worker = start(workers, pooled, llm, config);
            await().atMost(Duration.ofSeconds(20)).until(worker::listening);

            long id = jobs.enqueue("ai", "ai.generate", "{\"user_id\": \"u-1\", \"prompt\": \"Hi\"}");
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                    .until(() -> jobs.get(id).status().equals("completed"));
            assertThat(AiTesting.ledgerRows(DB, id)).isEqualTo(1);
        }
    }

    private static Worker start(TestWorkers workers, Database pooled, SimulatedLlm llm, EngineConfig config) {
        FamilyRuntime runtime = new FamilyRuntime(pooled, new SimpleMeterRegistry(), "test", llm.client(),
                AiMapping.SPEC.defaults(DB.config().appSchema()));
        return workers.start(pooled, config,
                new AiFamily(AiSettings.defaults()).handlers(runtime).toArray(JobHandler<?>[]::new));
    }

    private static String firstError(JobsTable jobs) {
        return jobs.all().stream().filter(r -> !r.status().equals("completed")).findFirst()
                .map(JobRow::lastError).map(e -> "first error: " + e).orElse("");
    }
}
