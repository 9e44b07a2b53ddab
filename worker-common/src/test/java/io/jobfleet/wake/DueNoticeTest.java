package io.jobfleet.wake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DueNoticeTest {
    @Test
    void aQueueNameATabAndMillisecondsSinceNineteenSeventy() {
        assertThat(DueNotice.parse("ai\t1796000000123"))
                .contains(new DueNotice("ai", Instant.ofEpochMilli(1_796_000_000_123L)));
        // queue names are any text: the time follows the last tab
        assertThat(DueNotice.parse("odd\tname\t5")).contains(new DueNotice("odd\tname", Instant.ofEpochMilli(5)));
    }

    @Test
    void aPlainQueueNameOrAnythingElseIsNoNotice() {
        assertThat(DueNotice.parse("ai")).isEmpty();
        assertThat(DueNotice.parse("*")).isEmpty();
        assertThat(DueNotice.parse("ai\t")).isEmpty();
        assertThat(DueNotice.parse("\t123")).isEmpty();
        assertThat(DueNotice.parse("ai\t12x")).isEmpty();
        assertThat(DueNotice.parse("ai\t-5")).isEmpty();
        assertThat(DueNotice.parse("ai\t123456789012345678901234")).as("no overflow").isEmpty();
        assertThat(DueNotice.parse(null)).isEmpty();
    }
}
