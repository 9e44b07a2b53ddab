package io.jobfleet.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void readsSecondsMillisAndHttpDates() {
        assertThat(RetryAfter.parse(Headers.of("Retry-After", "20"), NOW)).isEqualTo(Duration.ofSeconds(20));
        assertThat(RetryAfter.parse(Headers.of("Retry-After", "1.5"), NOW)).isEqualTo(Duration.ofMillis(1500));
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(90).atOffset(ZoneOffset.UTC));
        assertThat(RetryAfter.parse(Headers.of("Retry-After", date), NOW)).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void millisecondHeaderWins() {
        Headers h = Headers.of("Retry-After", "20", "retry-after-ms", "250");
        assertThat(RetryAfter.parse(h, NOW)).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void ignoresGarbageAndPastDates() {
        assertThat(RetryAfter.parse(Headers.of(), NOW)).isNull();
        assertThat(RetryAfter.parse(Headers.of("Retry-After", "soon"), NOW)).isNull();
        assertThat(RetryAfter.parse(Headers.of("Retry-After", "-5"), NOW)).isNull();
        assertThat(RetryAfter.parse(Headers.of("Retry-After", "99999999"), NOW)).isNull();
        String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.minusSeconds(60).atOffset(ZoneOffset.UTC));
        assertThat(RetryAfter.parse(Headers.of("Retry-After", past), NOW)).isEqualTo(Duration.ZERO);
    }
}
