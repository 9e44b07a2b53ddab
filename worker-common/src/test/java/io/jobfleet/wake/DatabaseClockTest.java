package io.jobfleet.wake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobfleet.testing.TestDatabase;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A job inserted for later is announced with its due time on the database's clock. A worker on a
 * host whose clock runs ahead of the database's looked for it before it was due, found nothing and
 * waited for its poll; the listener now measures the difference when it connects, and the due time
 * is compared with the database's clock as this host reckons it.
 */
class DatabaseClockTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    @Test
    void aHostClockAheadOfTheDatabaseIsCorrected() {
        Duration ahead = Duration.ofSeconds(3);
        NotifyListener listener = new NotifyListener(DB.db(), "clock-test", q -> { },
                InstantSource.offset(InstantSource.system(), ahead));
        listener.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(listener::isConnected);
            Instant reckoned = listener.databaseNow();
            Instant database = DB.db().jdbi().withHandle(h -> h.createQuery("SELECT clock_timestamp()")
                    .mapTo(Timestamp.class).one()).toInstant();
            assertThat(Duration.between(reckoned, database).abs())
                    .as("the database's clock as the listener reckons it, against the database's own")
                    .isLessThan(Duration.ofMillis(500));
        } finally {
            listener.stop(Duration.ofSeconds(2));
        }
    }
}
