package io.jobfleet.messages.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobfleet.db.JobRow;
import io.jobfleet.llm.sim.testing.SimulatedLlm;
import io.jobfleet.messages.MessageJobs;
import io.jobfleet.messages.MessageRows;
import io.jobfleet.messages.MessagesSettings;
import io.jobfleet.messages.sim.ProviderSimConfig;
import io.jobfleet.messages.sim.ProviderSimulator;
import io.jobfleet.testing.FamilyWorkers;
import io.jobfleet.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A backlog behind the fleet-wide send rate: every message goes out, each job snoozes at most once
 * (its reserved token's due time) instead of spending its snooze budget racing the others, and the
 * queue drains at the bucket's rate, even with a worker whose empty polls have grown long.
 */
class SendRateBacklogTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    @RegisterExtension
    static final SimulatedLlm LLM = SimulatedLlm.withDefaultClient();

    private static final int SENDS = 25;
    private static final double PER_SECOND = 5;

    @Test
    void aBacklogDrainsAtTheBucketsRateWithOneSnoozePerMessage() {
        MessageRows rows = new MessageRows(DB).migrate();
        DB.db().admin().flow().setRateLimit("backlog-sends", PER_SECOND, 1, 1, "test");
        try (ProviderSimulator provider = new ProviderSimulator(ProviderSimConfig.ephemeral()).start()) {
            FamilyWorkers workers = MessageJobs.workers(DB, LLM, MessagesSettings.http(provider.messagesUrl(), true)
                            .withRateLimit("backlog-sends"))
                    .withEngine(c -> c.toBuilder().concurrency(8).pollMin(Duration.ofSeconds(2))
                            .pollMax(Duration.ofSeconds(30)).build());
            List<Long> jobs = new ArrayList<>();
            for (int i = 0; i < SENDS; i++) {
                jobs.add(workers.enqueue(MessageJobs.send(rows.outgoing("b" + i, "+1555000" + i, "hello " + i, "PENDING"))));
            }
            try (FamilyWorkers started = workers.start()) {
                List<JobRow> done = jobs.stream().map(started::awaitFinished).toList();
                assertThat(done).allSatisfy(j -> assertThat(j.status()).as(j.lastError()).isEqualTo("completed"));
            }
            assertThat(provider.deliveries().delivered()).hasSize(SENDS);
        } finally {
            DB.db().admin().flow().clearRateLimit("backlog-sends");
        }
        List<Integer> snoozes = DB.db().jdbi().withHandle(h -> h.createQuery("SELECT snoozes FROM " + DB.jobs())
                .mapTo(Integer.class).list());
        assertThat(snoozes).hasSize(SENDS).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(1));

        List<Instant> sent = rows.allOutgoing().stream().map(r -> ((java.sql.Timestamp) r.get("sent_at")).toInstant())
                .sorted().toList();
        Duration span = Duration.between(sent.get(0), sent.get(SENDS - 1));
        Duration atTheRate = Duration.ofMillis((long) ((SENDS - 1) / PER_SECOND * 1000));
        List<Long> offsets = sent.stream().map(t -> Duration.between(sent.get(0), t).toMillis()).toList();
        // the tokens are spaced at the rate when reserved; a send runs a little after its token's time
        // (the first ones later still, while the JVM warms up), so single gaps may be shorter
        assertThat(span).as("the drain takes as long as the rate says: %s", offsets)
                .isBetween(atTheRate.minusSeconds(1), atTheRate.plusSeconds(2));
        // claimed when due, not in bursts a long poll apart: 2 s hold about 2 x 5 sends + the burst of 1
        for (int i = 0; i + 14 < SENDS; i++) {
            assertThat(Duration.between(sent.get(i), sent.get(i + 14))).as("15 sends from send %d: %s", i, offsets)
                    .isGreaterThan(Duration.ofSeconds(2));
        }
    }
}
