package io.jobfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.testing.JobsTable;
import io.jobfleet.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** pause, resume and limit from the real command line, and how stats and diagnose show them. */
class FlowControlCommandsTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    private final JobsTable jobs = new JobsTable(DB);

    @BeforeEach
    void clean() {
        DB.truncateJobs();
        DB.db().jdbi().useHandle(h -> h.execute("DELETE FROM " + DB.table("pauses") + "; DELETE FROM " + DB.table("limits")
                + "; DELETE FROM " + DB.table("key_limits") + "; DELETE FROM " + DB.table("rate_limits")));
    }

    @Test
    void pauseShowsInStatsAndDiagnoseUntilResumed() {
        jobs.enqueue("documents", "document.extract", "{}");
        jobs.enqueue("documents", "document.extract", "{}");

        Cli.Result paused = Cli.run(DB, "pause", "documents", "--for", "30m", "--reason", "OCR provider outage");
        Cli.Result stats = Cli.run(DB, "stats");
        JsonNode statsJson = Cli.run(DB, "stats", "--json").json();
        Cli.Result diagnose = Cli.run(DB, "diagnose", "--json");

        assertThat(paused.exit()).as(paused.toString()).isEqualTo(ExitCodes.OK);
        assertThat(paused.out()).startsWith("queue documents paused until ").contains("OCR provider outage");
        assertThat(stats.out()).contains("paused: queue documents until ", "OCR provider outage", "(2 due jobs held)");
        JsonNode pause = statsJson.get("pauses").get(0);
        assertThat(pause.get("queue").asText()).isEqualTo("documents");
        assertThat(pause.get("kind").isNull()).isTrue();
        assertThat(pause.get("until").isNull()).isFalse();
        assertThat(pause.get("pending").asLong()).isEqualTo(2);
        // a paused queue's waiting jobs are a notice, not a missing worker
        assertThat(diagnose.exit()).as(diagnose.toString()).isEqualTo(ExitCodes.OK);
        assertThat(diagnose.out()).contains("\"paused\"", "queue documents is paused until").doesNotContain("no_worker");

        Cli.Result resumed = Cli.run(DB, "resume", "documents");
        Cli.Result again = Cli.run(DB, "resume", "documents");

        assertThat(resumed.exit()).as(resumed.toString()).isEqualTo(ExitCodes.OK);
        assertThat(resumed.out()).contains("queue documents resumed", "OCR provider outage");
        assertThat(again.exit()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(again.err()).contains("queue documents is not paused");
    }

    @Test
    void pauseOfAKindAndItsUsageErrors() {
        Cli.Result kind = Cli.run(DB, "pause", "documents", "--kind", "document.extract", "--reason", "bad release");
        Cli.Result noReason = Cli.run(DB, "pause", "documents");
        Cli.Result badFor = Cli.run(DB, "pause", "documents", "--for", "0s", "--reason", "x");

        assertThat(kind.out()).isEqualTo("kind document.extract of queue documents paused until resumed: bad release\n");
        assertThat(noReason.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(noReason.err()).contains("--reason");
        assertThat(badFor.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(Cli.run(DB, "resume", "documents", "--kind", "other").exit()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(Cli.run(DB, "resume", "documents", "--kind", "document.extract").exit()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void limitSetListAndClear() {
        Cli.Result set = Cli.run(DB, "limit", "set", "documents", "--max-running", "5");
        Cli.Result kind = Cli.run(DB, "limit", "set", "documents", "--kind", "document.extract", "--max-running", "2");
        Cli.Result list = Cli.run(DB, "limit", "list");
        JsonNode json = Cli.run(DB, "limit", "list", "--json").json();
        Cli.Result stats = Cli.run(DB, "stats");

        assertThat(set.exit()).as(set.toString()).isEqualTo(ExitCodes.OK);
        assertThat(set.out()).isEqualTo("queue documents: at most 5 running\n");
        assertThat(kind.exit()).isEqualTo(ExitCodes.OK);
        assertThat(list.out()).contains("queue documents: 0 of at most 5 running",
                "kind document.extract of queue documents: 0 of at most 2 running");
        assertThat(json.get("limits")).hasSize(2);
        assertThat(json.get("limits").get(0).get("max_running").asInt()).isEqualTo(5);
        assertThat(stats.out()).contains("capped: queue documents at 5 running fleet-wide");

        assertThat(Cli.run(DB, "limit", "set", "documents").exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(Cli.run(DB, "limit", "set", "documents", "--max-running", "-1").exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(Cli.run(DB, "limit", "clear", "documents").exit()).isEqualTo(ExitCodes.OK);
        assertThat(Cli.run(DB, "limit", "clear", "documents").exit()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(Cli.run(DB, "limit", "clear", "documents", "--kind", "document.extract").exit()).isEqualTo(ExitCodes.OK);
        assertThat(Cli.run(DB, "limit", "list").out()).isEqualTo("no limits\n");
    }

    @Test
    void keyRulesAndRatesFromTheCommandLine() {
        jobs.enqueue("messages", "message.reply", "{\"conversation_id\": \"c-1\"}");
        Cli.Result ordered = Cli.run(DB, "limit", "set", "messages", "--ordered", "--key-field", "conversation_id");
        Cli.Result perKey = Cli.run(DB, "limit", "set", "documents", "--kind", "document.extract", "--per-key", "2");
        Cli.Result rate = Cli.run(DB, "limit", "set", "ai", "--rate", "60", "--per", "1m", "--burst", "10");
        Cli.Result named = Cli.run(DB, "rate-limit", "set", "llm:default:tokens", "--permits", "90000", "--per", "1m");
        Cli.Result list = Cli.run(DB, "limit", "list");
        JsonNode json = Cli.run(DB, "limit", "list", "--json").json();
        Cli.Result stats = Cli.run(DB, "stats");
        Cli.Result rates = Cli.run(DB, "rate-limit", "list", "llm:");

        assertThat(ordered.exit()).as(ordered.toString()).isEqualTo(ExitCodes.OK);
        assertThat(ordered.out()).isEqualTo("queue messages: one at a time per key, in enqueue order, "
                + "key from payload field conversation_id (1 waiting job keyed now)\n");
        assertThat(perKey.out()).isEqualTo("kind document.extract of queue documents: at most 2 running per key\n");
        assertThat(rate.out()).isEqualTo("queue ai: at most 60 jobs started per 1m (burst 10)\n");
        assertThat(named.out()).isEqualTo("llm:default:tokens: 90000 per 1m, burst 90000\n");
        assertThat(list.out()).contains("keyed: queue messages one at a time per key, in enqueue order",
                "keyed: kind document.extract of queue documents at most 2 running per key",
                "rate: queue ai at most 60 started per 1m, burst 10").doesNotContain("llm:default");
        assertThat(json.get("key_rules")).hasSize(2);
        assertThat(json.get("rates")).hasSize(1);
        assertThat(stats.out()).contains("keyed: queue messages", "rate: queue ai", "rate: llm:default:tokens");
        assertThat(rates.out()).contains("rate: llm:default:tokens 90000 per 1m, burst 90000");

        assertThat(Cli.run(DB, "limit", "set", "messages", "--ordered", "--per-key", "3").exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(Cli.run(DB, "limit", "set", "messages", "--key-field", "a.b").exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(Cli.run(DB, "limit", "set", "ai", "--rate", "0").exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(Cli.run(DB, "limit", "clear", "ai", "--keys").exit()).isEqualTo(ExitCodes.NOT_FOUND);
        Cli.Result cleared = Cli.run(DB, "limit", "clear", "ai", "--rate");
        assertThat(cleared.out()).isEqualTo("queue ai: rate removed\n");
        assertThat(Cli.run(DB, "limit", "clear", "messages").out()).isEqualTo("queue messages: key rule removed\n");
        assertThat(Cli.run(DB, "rate-limit", "clear", "llm:default:tokens").exit()).isEqualTo(ExitCodes.OK);
        assertThat(Cli.run(DB, "rate-limit", "clear", "llm:default:tokens").exit()).isEqualTo(ExitCodes.NOT_FOUND);
    }

    @Test
    void helpNamesTheEnvironmentVariables() {
        assertThat(Cli.run(DB, "pause", "--help").out()).contains("JOBFLEET_PAUSE_REASON", "JOBFLEET_PAUSE_FOR",
                "JOBFLEET_PAUSE_KIND", "JOBFLEET_DB_URL");
        assertThat(Cli.run(DB, "limit", "set", "--help").out()).contains("JOBFLEET_LIMIT_MAX_RUNNING",
                "JOBFLEET_LIMIT_PER_KEY", "JOBFLEET_LIMIT_ORDERED", "JOBFLEET_LIMIT_KEY_FIELD", "JOBFLEET_LIMIT_RATE");
        assertThat(Cli.run(DB, "rate-limit", "set", "--help").out()).contains("JOBFLEET_RATE_PER", "JOBFLEET_RATE_BURST");
    }
}
