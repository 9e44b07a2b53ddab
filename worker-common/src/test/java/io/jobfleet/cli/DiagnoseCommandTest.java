package io.jobfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.db.Migrations;
import io.jobfleet.testing.JobsInEveryState;
import io.jobfleet.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DiagnoseCommandTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    @Test
    void findsStuckJobsFailuresDuplicatesAndQueuesWithoutWorkers() {
        JobsInEveryState f = JobsInEveryState.insert(DB);
        Cli.Result r = Cli.run(DB, "diagnose", "--json");
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.PROBLEMS_FOUND);
        JsonNode d = r.json();
        assertThat(d.get("healthy").asBoolean()).isFalse();
        assertThat(d.get("schema").get("up_to_date").asBoolean()).isTrue();
        assertThat(d.get("schema").get("version").asText()).isEqualTo(latestVersion());
        assertThat(d.get("queues")).hasSize(2);

        assertThat(ids(d.get("expired_leases").get("jobs"))).containsExactlyInAnyOrderElementsOf(f.expiredLeases());
        assertThat(d.get("expired_leases").get("count").asLong()).isEqualTo(2);
        assertThat(ids(d.get("past_timeout").get("jobs"))).containsExactly(f.runningPastTimeout);
        assertThat(d.get("past_timeout").get("jobs").get(0).get("overdue_seconds").asDouble()).isBetween(540.0, 600.0);

        JsonNode failures = d.get("failures");
        assertThat(failures).hasSize(3);
        assertThat(failures.get(0).get("error_class").asText()).isEqualTo("bad_payload");
        assertThat(failures.get(0).get("jobs").asLong()).isEqualTo(2);
        assertThat(failures.get(0).get("failed").asLong()).isEqualTo(2);
        assertThat(failures.get(0).get("example_id").asLong()).isEqualTo(f.failedBadPayload2);
        assertThat(failures.get(0).get("example").asText()).isEqualTo("payload field 'times' must be an integer");
        assertThat(classes(failures)).containsExactlyInAnyOrder("bad_payload", "timeout", "rate_limited");
        JsonNode rateLimited = find(failures, "error_class", "rate_limited");
        assertThat(rateLimited.get("retrying").asLong()).isEqualTo(1);
        assertThat(rateLimited.get("failed").asLong()).isZero();

        assertThat(d.get("duplicates")).hasSize(1);
        assertThat(ids(d.get("duplicates").get(0).get("ids"))).containsExactly(f.duplicate1, f.duplicate2);

        JsonNode workers = d.get("workers");
        assertThat(texts(workers, "worker")).containsExactlyInAnyOrder("w-live", "w-dead", "w-hung");
        JsonNode live = find(workers, "worker", "w-live");
        assertThat(live.get("running").asLong()).isEqualTo(1);
        assertThat(live.get("live_leases").asLong()).isEqualTo(1);
        assertThat(live.get("finished").asLong()).as("2 completed and 3 failed in the window").isEqualTo(5);
        assertThat(find(workers, "worker", "w-dead").get("live_leases").asLong()).isZero();

        assertThat(d.get("queues_without_workers")).hasSize(1);
        assertThat(d.get("queues_without_workers").get(0).get("queue").asText()).isEqualTo("documents");
        assertThat(d.get("queues_without_workers").get(0).get("due").asLong()).isEqualTo(2);

        JsonNode findings = d.get("findings");
        List<String> problems = new ArrayList<>();
        findings.forEach(x -> {
            if (x.get("severity").asText().equals("problem")) {
                problems.add(x.get("code").asText());
            }
        });
        assertThat(problems).containsExactlyInAnyOrder("expired_leases", "past_timeout", "no_worker");
        assertThat(texts(findings, "code")).contains("failures", "duplicates", "failure_rate");
        assertThat(find(findings, "code", "expired_leases").get("message").asText())
                .startsWith("2 jobs are running past their lease (worker w-dead)")
                .contains("no live worker rescued them", "jobfleet unlock --execute");
        assertThat(find(findings, "code", "no_worker").get("message").asText())
                .startsWith("queue documents has 2 due jobs")
                .contains("no worker seen in 15m", "start worker-documents");
    }

    @Test
    void humanReportHasEverySectionAndRecommendations() {
        JobsInEveryState.insert(DB);
        Cli.Result r = Cli.run(DB, "diagnose");
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.PROBLEMS_FOUND);
        assertThat(r.out()).contains("schema " + DB.config().schema() + " version " + latestVersion() + " (current)",
                "Queues (durations, failures and throughput over the last 15m)",
                "Running past their lease: 2", "Running past their timeout: 1", "Failures in the last 24h: 4",
                "Possible duplicates", "Workers seen", "w-dead", "Queues with due jobs and no worker activity: 1",
                "Findings (3 problems)", "PROBLEM  2 jobs are running past their lease",
                "NOTICE   queue alpha: 2 jobs with error class bad_payload in the last 24h (2 failed, 0 waiting "
                        + "for a retry), e.g. job");
    }

    @Test
    void aQueueFilterNarrowsEverySection() {
        JobsInEveryState.insert(DB);
        Cli.Result r = Cli.run(DB, "diagnose", "--queue", "documents", "--json");
        assertThat(r.exit()).isEqualTo(ExitCodes.PROBLEMS_FOUND);
        JsonNode d = r.json();
        assertThat(d.get("expired_leases").get("count").asLong()).isZero();
        assertThat(d.get("failures")).isEmpty();
        assertThat(d.get("workers")).isEmpty();
        assertThat(texts(d.get("findings"), "code")).containsExactly("no_worker");
    }

    @Test
    void aHealthyQueueExitsZero() {
        DB.truncateJobs();
        DB.db().jdbi().useHandle(h -> h.execute("INSERT INTO " + DB.jobs() + " (queue, kind, status, attempts, "
                + "locked_by, lease_until, started_at) VALUES ('alpha', 'k', 'running', 1, 'w1', now() + interval '1 minute', "
                + "now()), ('alpha', 'k', 'pending', 0, NULL, NULL, NULL)"));
        DB.db().jdbi().useHandle(h -> h.execute("INSERT INTO " + DB.jobs() + " (queue, kind, status, attempts, locked_by, "
                + "started_at, completed_at) VALUES ('alpha', 'k', 'completed', 1, 'w1', now() - interval '3 seconds', now())"));
        Cli.Result r = Cli.run(DB, "diagnose");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Healthy: nothing stuck");
        Cli.Result json = Cli.run(DB, "diagnose", "--json");
        assertThat(json.exit()).isZero();
        assertThat(json.json().get("healthy").asBoolean()).isTrue();
        assertThat(json.json().get("findings")).isEmpty();
    }

    @Test
    void aLaggingQueueWithWorkersIsAProblem() {
        DB.truncateJobs();
        DB.db().jdbi().useHandle(h -> h.execute("INSERT INTO " + DB.jobs() + " (queue, kind, status, attempts, "
                + "locked_by, lease_until, started_at, scheduled_at) VALUES "
                + "('alpha', 'k', 'running', 1, 'w1', now() + interval '1 minute', now(), now()), "
                + "('alpha', 'k', 'pending', 0, NULL, NULL, NULL, now() - interval '30 minutes')"));
        Cli.Result r = Cli.run(DB, "diagnose", "--json", "--max-lag", "10m");
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.PROBLEMS_FOUND);
        assertThat(texts(r.json().get("findings"), "code")).containsExactly("lag");
        assertThat(Cli.run(DB, "diagnose", "--max-lag", "1h").exit()).isZero();
    }

    @Test
    void aSchemaWithoutTablesIsAProblemThatNamesTheFix() {
        Cli.Result r = Cli.run(DB.config().withSchema("no_such_schema", DB.config().appSchema()), "diagnose");
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.PROBLEMS_FOUND);
        assertThat(r.out()).contains("schema no_such_schema version (none)",
                "PROBLEM  schema no_such_schema has no jobfleet tables: run `jobfleet migrate`");
    }

    @Test
    void claimedJobsLeftInTheClaimIndexAreANoticeUntilAVacuumCleansIt() {
        DB.truncateJobs();
        String jobs = DB.jobs();
        // autovacuum would clean the index of this small table on its own, at a moment of its choosing
        DB.db().jdbi().useHandle(h -> h.execute("ALTER TABLE " + jobs + " SET (autovacuum_enabled = false)"));
        try {
            DB.db().jdbi().useHandle(h -> {
                h.execute("INSERT INTO " + jobs + " (queue, kind) SELECT 'alpha', 'k' FROM generate_series(1, 20000)");
                h.execute("UPDATE " + jobs + " SET status = 'completed', attempts = 1, locked_by = 'w1', "
                        + "started_at = now(), completed_at = now() WHERE queue = 'alpha'");
                h.execute("INSERT INTO " + jobs + " (queue, kind) VALUES ('alpha', 'k')");
                h.execute("ANALYZE " + jobs);
            });
            Cli.Result r = Cli.run(DB, "diagnose", "--json");
            assertThat(r.exit()).as(r.toString()).isZero(); // a notice, not a problem
            long pages = r.json().get("claim_scan_pages").get("alpha").asLong();
            assertThat(pages).isGreaterThan(DiagnosisFindings.CLAIM_SCAN_PAGES_NOTICE);
            JsonNode notice = find(r.json().get("findings"), "code", "claim_index_dead_entries");
            assertThat(notice.get("severity").asText()).isEqualTo("notice");
            assertThat(notice.get("message").asText()).contains("queue alpha: finding its next job reads " + pages
                    + " pages", "`VACUUM (INDEX_CLEANUP ON) " + DB.config().schema() + ".jobs`");

            DB.db().jdbi().useHandle(h -> h.execute("VACUUM (INDEX_CLEANUP ON) " + jobs));
            Cli.Result clean = Cli.run(DB, "diagnose", "--json");
            assertThat(clean.json().get("claim_scan_pages").get("alpha").asLong())
                    .isLessThanOrEqualTo(DiagnosisFindings.CLAIM_SCAN_PAGES_NOTICE);
            assertThat(texts(clean.json().get("findings"), "code")).doesNotContain("claim_index_dead_entries");
        } finally {
            DB.db().jdbi().useHandle(h -> h.execute("ALTER TABLE " + jobs + " RESET (autovacuum_enabled)"));
        }
    }

    private static List<Long> ids(JsonNode array) {
        List<Long> ids = new ArrayList<>();
        array.forEach(n -> ids.add(n.isObject() ? n.get("id").asLong() : n.asLong()));
        return ids;
    }

    private static List<String> classes(JsonNode failures) {
        return texts(failures, "error_class");
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get(field).asText()));
        return out;
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode n : array) {
            if (n.get(field).asText().equals(value)) {
                return n;
            }
        }
        throw new AssertionError("no element with " + field + " = " + value + " in " + array);
    }

    /** The newest migration this build ships, which the test schema is migrated to. */
    private static String latestVersion() {
        return new Migrations(DB.db().dataSource(), DB.config().schema()).state().latest();
    }
}
