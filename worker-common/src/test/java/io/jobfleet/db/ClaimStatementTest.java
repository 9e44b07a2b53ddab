package io.jobfleet.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobfleet.db.QueueSql.Held;
import io.jobfleet.testing.JobsTable;
import io.jobfleet.testing.TestDatabase;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The batch completion stores a worker's finished attempts, fenced; the claim takes its next jobs
 * best-first and within its limit, and commits without waiting for the WAL flush.
 */
class ClaimStatementTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    private static final Duration LEASE = Duration.ofSeconds(30);

    private final JobsTable jobs = new JobsTable(DB);

    @BeforeEach
    void empty() {
        DB.truncateJobs();
    }

    @Test
    void completesTheHeldAttemptsThenClaimsTheNextJobsBestFirst() {
        long a = jobs.enqueue("q", "k", "{}");
        long b = jobs.enqueue("q", "k", "{}");
        QueueSql queue = DB.db().queue();
        List<ClaimedJob> first = queue.claim("q", "w1", 2, LEASE);
        assertThat(first).extracting(ClaimedJob::id).containsExactly(a, b);
        long low = jobs.enqueue(NewJob.of("q", "k", "{}"));
        long high = jobs.enqueue(NewJob.of("q", "k", "{}").withPriority(5));
        long third = jobs.enqueue("q", "k", "{}");

        Set<Long> completed = queue.completeBatch("w1", first.stream().map(ClaimedJob::held).toList(),
                List.of("{\"n\": 1}", "null"));
        List<ClaimedJob> claimed = queue.claim("q", "w1", 2, LEASE);

        assertThat(completed).containsExactlyInAnyOrder(a, b);
        assertThat(jobs.get(a).status()).isEqualTo("completed");
        assertThat(jobs.get(a).result()).isEqualTo("{\"n\": 1}");
        assertThat(jobs.get(a).leaseUntil()).isNull();
        assertThat(jobs.get(b).result()).isEqualTo("null");
        assertThat(claimed).extracting(ClaimedJob::id).containsExactly(high, low);
        assertThat(jobs.get(high).lockedBy()).isEqualTo("w1");
        assertThat(jobs.get(third).status()).isEqualTo("pending");
    }

    @Test
    void commitsTheClaimWithoutWaitingForTheFlushAndLeavesTheConnectionAsItWas() throws Exception {
        jobs.enqueue("q", "k", "{}");
        jobs.enqueue("q", "k", "{}");
        try (Connection c = DB.db().openDedicatedConnection("claim-commit-test")) {
            Jdbi one = Jdbi.create(c); // every handle on this one connection, which stays open
            QueueSql queue = new QueueSql(one, handingOut(c), DB.db().schema());
            one.useHandle(h -> h.execute("SET synchronous_commit = on")); // the test server runs with it off

            // in the claim's own transaction, its commit does not wait for the WAL flush
            one.useTransaction(h -> {
                assertThat(queue.claim("q", "w1", 1, LEASE)).hasSize(1);
                assertThat(setting(h)).isEqualTo("off");
            });
            // an autocommitted claim, as workers run it: the next statement is back to the server's setting
            assertThat(queue.claim("q", "w1", 1, LEASE)).hasSize(1);
            assertThat(one.withHandle(this::setting)).isEqualTo("on");
            // an empty round too
            assertThat(queue.claim("q", "w1", 1, LEASE)).isEmpty();
            assertThat(one.withHandle(this::setting)).isEqualTo("on");
        }
    }

    private String setting(Handle h) {
        return h.createQuery("SHOW synchronous_commit").mapTo(String.class).one();
    }

    @Test
    void leavesAttemptsThisWorkerNoLongerHoldsAlone() {
        long mine = jobs.enqueue("q", "k", "{}");
        long taken = jobs.enqueue("q", "k", "{}");
        long cancelled = jobs.enqueue("q", "k", "{}");
        QueueSql queue = DB.db().queue();
        List<Held> held = queue.claim("q", "w1", 3, LEASE).stream().map(ClaimedJob::held).toList();
        // another worker took one over (a newer attempt), an operator cancelled another
        DB.db().jdbi().useHandle(h -> h.createUpdate("UPDATE " + DB.jobs()
                        + " SET locked_by = 'w2', attempts = attempts + 1 WHERE id = :id")
                .bind("id", taken).execute());
        DB.db().jdbi().useHandle(h -> h.createUpdate("UPDATE " + DB.jobs() + " SET status = 'cancelled' WHERE id = :id")
                .bind("id", cancelled).execute());

        Set<Long> completed = queue.completeBatch("w1",
                held, List.of("1", "2", "3"));

        assertThat(completed).containsExactly(mine);
        assertThat(queue.claim("q", "w1", 0, LEASE)).isEmpty();
        assertThat(jobs.get(taken).status()).isEqualTo("running");
        assertThat(jobs.get(taken).result()).isNull();
        assertThat(jobs.get(cancelled).status()).isEqualTo("cancelled");
        assertThat(jobs.get(cancelled).result()).isNull();
    }

    @Test
    void claimsAtMostTheLimitOfDueJobsOfItsQueue() {
        for (int i = 0; i < 5; i++) {
            jobs.enqueue("q", "k", "{}");
        }
        long later = jobs.enqueue(NewJob.of("q", "k", "{}").withDelay(Duration.ofHours(1)));
        long elsewhere = jobs.enqueue("other", "k", "{}");
        QueueSql queue = DB.db().queue();

        assertThat(queue.claim("q", "w1", 3, LEASE)).hasSize(3);
        assertThat(queue.claim("q", "w1", 10, LEASE)).hasSize(2);
        assertThat(queue.claim("q", "w1", 10, LEASE)).isEmpty();
        assertThat(jobs.get(later).status()).isEqualTo("pending");
        assertThat(jobs.get(elsewhere).status()).isEqualTo("pending");
        assertThat(jobs.count("running")).isEqualTo(5);
    }

    /** A pool of the one connection {@code c}, which stays open: the claim runs on the connection the test reads. */
    private static DataSource handingOut(Connection c) {
        Connection kept = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    try {
                        return method.invoke(c, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        return kept;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
