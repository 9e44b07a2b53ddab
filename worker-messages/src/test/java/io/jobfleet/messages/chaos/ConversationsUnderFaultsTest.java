package io.jobfleet.messages.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobfleet.db.JobRow;
import io.jobfleet.llm.sim.testing.SimulatedLlm;
import io.jobfleet.messages.MessageJobs;
import io.jobfleet.messages.MessageRows;
import io.jobfleet.messages.sim.Deliveries;
import io.jobfleet.messages.sim.ProviderSimConfig;
import io.jobfleet.messages.sim.ProviderSimulator;
import io.jobfleet.testing.JobsTable;
import io.jobfleet.testing.TestDatabase;
import io.jobfleet.testing.WorkerProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Conversations through three worker-messages JVMs while the provider simulator injects 10% faults
 * of every kind (503 before accepting, 429, a hang and a reset after accepting), one worker is
 * SIGKILLed mid-run and another SIGSTOPped past its lease.
 *
 * <p>De-duplicating provider: every outgoing message delivered exactly once (count per key 1,
 * nothing missing). Non-de-duplicating provider: none delivered twice; each SENT (delivered once)
 * or UNCERTAIN, and the UNCERTAIN ones are exactly the sends cut off mid-call: those the simulator
 * cut off after accepting, plus those whose worker was lost during the call. Both: per conversation
 * the replies are delivered in order, and no reply carries another conversation's marker word.
 *
 * <p>The suite runs 12 conversations x 8 messages; {@code -Djobfleet.messages.full=true} runs the
 * full 50 x 20.
 */
@Tag("slow")
class ConversationsUnderFaultsTest {
    private static final boolean FULL = Boolean.getBoolean("jobfleet.messages.full");
    private static final int CONVERSATIONS = FULL ? 50 : 12;
    private static final int MESSAGES = FULL ? 20 : 8;
    private static final Pattern INDEX = Pattern.compile("message (\\d+)");

    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    @RegisterExtension
    static final SimulatedLlm LLM = SimulatedLlm.withDefaultClient();
    private static final JobsTable JOBS = new JobsTable(DB);

    private MessageRows rows;

    @BeforeEach
    void setUp() {
        DB.truncateJobs();
        rows = new MessageRows(DB).migrate();
    }

    @ParameterizedTest(name = "de-duplicating provider: {0}")
    @ValueSource(booleans = {true, false})
    void everyReplyIsDeliveredOnceAndInOrder(boolean dedup) {
        ProviderSimConfig config = ProviderSimConfig.ephemeral().withFaultRate(0.10).withDeduplicates(dedup)
                .withHang(Duration.ofMillis(1500));
        try (ProviderSimulator provider = new ProviderSimulator(config).start()) {
            List<WorkerProcess> workers = new ArrayList<>();
            try {
                for (int w = 0; w < 3; w++) {
                    workers.add(start(provider, dedup, w));
                }
                // all three claim from the start (a JVM starts slowly on a busy host)
                workers.forEach(w -> w.awaitOutput(" started", Duration.ofSeconds(120)));
                for (int i = 1; i <= MESSAGES; i++) {
                    for (int c = 1; c <= CONVERSATIONS; c++) {
                        String conversation = "c" + c;
                        long id = rows.incoming(conversation, "+1555000" + c, "#" + conversation + " message " + i);
                        JOBS.enqueue(MessageJobs.reply(id, conversation));
                    }
                }
                int total = CONVERSATIONS * MESSAGES;
                await().atMost(Duration.ofSeconds(90)).until(() -> provider.deliveries().delivered().size() >= total / 5);
                if (!Boolean.getBoolean("jobfleet.messages.calm")) {
                    workers.get(0).kill9();
                    WorkerProcess frozen = workers.get(1);
                    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                            .until(() -> holding(frozen) > 0);
                    frozen.signal("STOP");
                    // Frozen past its lease: the survivor rescues what it held. A job whose row the
                    // frozen worker had locked in an open transaction cannot be rescued (the rescue
                    // skips locked rows) until it wakes; when it froze there with every job it held,
                    // it stays frozen for as long as a rescue would have taken, and wakes stale.
                    try {
                        await().atMost(Duration.ofSeconds(30)).until(() -> rescuedFrom(frozen));
                    } catch (org.awaitility.core.ConditionTimeoutException lockedWhileFrozen) {
                        System.out.println("the frozen worker held its jobs' rows locked: none could be rescued");
                    }
                    frozen.signal("CONT");
                }
                try {
                    await().atMost(Duration.ofSeconds(FULL ? 600 : 150)).pollInterval(Duration.ofMillis(500))
                            .until(() -> JOBS.count("pending") + JOBS.count("running") == 0);
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    throw new AssertionError("jobs left unfinished: " + unfinished(), e);
                }
            } finally {
                workers.forEach(WorkerProcess::close);
            }
            check(provider.deliveries(), dedup);
        }
    }

    private static String unfinished() {
        return DB.db().jdbi().withHandle(h -> h.createQuery("SELECT id, kind, status, attempts, concurrency_key, "
                + "scheduled_at - now() AS due_in, locked_by, last_error FROM " + DB.jobs()
                + " WHERE status IN ('pending', 'running') ORDER BY status DESC, id LIMIT 30").mapToMap().list()).toString()
                + " by status: " + JOBS.countByStatus();
    }

    /** Jobs {@code worker} runs now. */
    private static long holding(WorkerProcess worker) {
        String prefix = worker.workerIdPrefix("messages");
        return JOBS.all().stream().filter(j -> j.status().equals("running") && j.lockedBy() != null
                && j.lockedBy().startsWith(prefix)).count();
    }

    /** Some job {@code worker} held was rescued by another: it was frozen past its lease. */
    private static boolean rescuedFrom(WorkerProcess worker) {
        String prefix = worker.workerIdPrefix("messages");
        return JOBS.all().stream().anyMatch(j -> j.errors() != null && j.errors().contains("worker_lost")
                && j.errors().contains(prefix));
    }

    private static WorkerProcess start(ProviderSimulator provider, boolean dedup, int n) {
        return WorkerProcess.start("messages-" + n, "io.jobfleet.messages.Main", DB.config(), List.of("run",
                "--llm-base-url=" + LLM.baseUrl(), "--messages-http-url=" + provider.messagesUrl(),
                dedup ? "--messages-http-deduplicates" : "--no-messages-http-deduplicates",
                "--messages-send-timeout=1s", "--lease=3s", "--rescue-interval=1s", "--concurrency=8",
                "--poll-min=200ms", "--poll-max=1s", "--retry-base=200ms", "--retry-max=2s"));
    }

    private void check(Deliveries deliveries, boolean dedup) {
        int total = CONVERSATIONS * MESSAGES;
        List<Map<String, Object>> out = rows.allOutgoing();
        assertThat(out).as("one reply per incoming message").hasSize(total);
        Map<String, Integer> perKey = deliveries.perKey();
        assertThat(perKey.values()).as("no message delivered twice").allMatch(n -> n == 1);
        assertThat(deliveries.leaks()).as("no reply carries another conversation's marker").isEmpty();
        Map<String, String> status = new HashMap<>();
        for (Map<String, Object> r : out) {
            status.put((String) r.get("idempotency_key"), (String) r.get("status"));
        }
        if (dedup) {
            assertThat(status.values()).as("all SENT").containsOnly("SENT");
            assertThat(perKey.keySet()).as("every outgoing message delivered, nothing missing")
                    .containsExactlyInAnyOrderElementsOf(status.keySet());
        } else {
            assertThat(status.values()).as("each SENT or UNCERTAIN, never silently lost").allMatch(
                    s -> s.equals("SENT") || s.equals("UNCERTAIN"));
            status.forEach((key, s) -> {
                if (s.equals("SENT")) {
                    assertThat(perKey.get(key)).as("a SENT message was delivered once").isEqualTo(1);
                }
            });
            Set<String> uncertain = status.entrySet().stream().filter(e -> e.getValue().equals("UNCERTAIN"))
                    .map(Map.Entry::getKey).collect(Collectors.toSet());
            Set<String> cutOffAtTheWorker = cutOffAtTheWorker(out);
            Set<String> cutOff = new HashSet<>(deliveries.cutOffKeys());
            Set<String> expected = new HashSet<>(cutOff);
            expected.addAll(cutOffAtTheWorker);
            assertThat(cutOff).as("sends the simulator cut off after accepting").isNotEmpty();
            assertThat(uncertain).as("UNCERTAIN = the sends cut off mid-call").isEqualTo(expected);
            System.out.printf("UNCERTAIN %d: %d cut off by the simulator, %d at the worker (its attempt lost, or no "
                    + "answer within its timeout)%n", uncertain.size(), cutOff.size(), cutOffAtTheWorker.size());
        }
        System.out.printf("de-duplicating %s: %d outgoing, %d deliveries, %d replays, faults %s, %d cut off, %d UNCERTAIN, "
                + "%d send attempts lost to the killed or frozen worker%n", dedup, out.size(), deliveries.delivered().size(),
                deliveries.replays(), deliveries.faults(), deliveries.cutOffKeys().size(),
                status.values().stream().filter("UNCERTAIN"::equals).count(), JOBS.all().stream()
                        .filter(j -> j.kind().equals("message.send") && j.errors() != null && j.errors().contains("worker_lost"))
                        .count());
        Map<String, List<Integer>> order = new HashMap<>();
        Set<String> late = lateDeliveries(deliveries, status, dedup);
        for (Deliveries.Delivery d : deliveries.delivered()) {
            if (late.contains(d.key())) {
                continue;
            }
            Matcher m = INDEX.matcher(d.body());
            assertThat(m.find()).as(d.body()).isTrue();
            order.computeIfAbsent(d.conversationId(), k -> new ArrayList<>()).add(Integer.parseInt(m.group(1)));
        }
        order.forEach((conversation, indexes) -> assertThat(indexes).as("replies of %s in order", conversation).isSorted());
    }

    /**
     * Keys of outgoing messages whose call was cut off on the worker's side: its attempt was lost
     * to the killed or frozen worker while the message was SENDING (the next attempt met it SENDING),
     * or no answer came within the send timeout (a busy host delays an answer the simulator gave).
     */
    private static Set<String> cutOffAtTheWorker(List<Map<String, Object>> out) {
        Set<String> keys = new HashSet<>();
        Map<String, String> keyById = new HashMap<>();
        out.forEach(r -> keyById.put(String.valueOf(r.get("id")), (String) r.get("idempotency_key")));
        for (JobRow j : JOBS.all()) {
            if (j.kind().equals("message.send") && j.status().equals("failed") && j.lastError() != null
                    && (j.lastError().contains("an earlier attempt was cut off")
                    || j.lastError().contains("did not answer in time")
                    || j.lastError().contains("connection broke after the request was sent"))) {
                String id = j.payload().replaceAll("\\D", "");
                keys.add(keyById.get(id));
            }
        }
        return keys;
    }

    /**
     * Without de-duplication, an UNCERTAIN message may reach the provider after the next one: its
     * frozen worker wakes up and finishes the call it had begun. Those are left out of the order check.
     */
    private static Set<String> lateDeliveries(Deliveries deliveries, Map<String, String> status, boolean dedup) {
        if (dedup) {
            return Set.of();
        }
        return status.entrySet().stream().filter(e -> e.getValue().equals("UNCERTAIN")).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }
}
