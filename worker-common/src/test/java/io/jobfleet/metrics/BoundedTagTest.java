package io.jobfleet.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Job data (kinds, queues, error classes, models) cannot create metric series without bound. */
class BoundedTagTest {
    @Test
    void knownValuesAlwaysPassAndOthersOnlyUntilTheLimit() {
        BoundedTag tag = new BoundedTag(2, List.of("gpt-4o-mini"));
        assertThat(tag.of("a")).isEqualTo("a");
        assertThat(tag.of("b")).isEqualTo("b");
        assertThat(tag.of("c")).isEqualTo(BoundedTag.OTHER);
        assertThat(tag.of("a")).isEqualTo("a");
        assertThat(tag.of("gpt-4o-mini")).isEqualTo("gpt-4o-mini");
    }

    @Test
    void valuesThatDoNotLookLikeNamesReadOther() {
        BoundedTag tag = new BoundedTag(100);
        assertThat(tag.of(null)).isEqualTo(BoundedTag.OTHER);
        assertThat(tag.of("")).isEqualTo(BoundedTag.OTHER);
        assertThat(tag.of("x".repeat(81))).isEqualTo(BoundedTag.OTHER);
        assertThat(tag.of("kind\"} 1\nfake_metric{a=\"b")).isEqualTo(BoundedTag.OTHER);
        assertThat(tag.of("ai.generate")).isEqualTo("ai.generate");
    }

    @Test
    void jobMetricsKeepKindsQueuesAndErrorClassesBounded() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        JobMetrics metrics = new JobMetrics(registry);
        for (int i = 0; i < 1000; i++) {
            metrics.completed("q" + i, "kind" + i, Duration.ofMillis(1));
            metrics.failedAttempt("q" + i, "kind" + i, "class" + i, i % 2 == 0, Duration.ofMillis(1));
            metrics.rescued("q" + i, "kind" + i, "pending");
            metrics.claimed("q" + i, 1);
        }
        assertThat(tagValues(registry, "kind")).hasSize(JobMetrics.KINDS_MAX + 1).contains(BoundedTag.OTHER);
        assertThat(tagValues(registry, "queue")).hasSize(JobMetrics.QUEUES_MAX + 1).contains(BoundedTag.OTHER);
        assertThat(tagValues(registry, "error_class")).hasSize(JobMetrics.ERROR_CLASSES_MAX + 1);
        assertThat(registry.getMeters()).hasSizeLessThan(1000);
    }

    private static Set<String> tagValues(SimpleMeterRegistry registry, String key) {
        return registry.getMeters().stream().map(Meter::getId).map(id -> id.getTag(key))
                .filter(v -> v != null).collect(Collectors.toSet());
    }
}
