package io.jobfleet.bench;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The median of a bench's repeated measures: the middle one in the given order, the lower of the
 * two middle ones for an even count, so that the figure reported is always one that was measured.
 */
final class Median {
    private Median() {
    }

    static <T> Optional<T> of(List<T> measures, Comparator<? super T> order) {
        if (measures.isEmpty()) {
            return Optional.empty();
        }
        List<T> sorted = measures.stream().sorted(order).toList();
        return Optional.of(sorted.get((sorted.size() - 1) / 2));
    }

    static Optional<Double> of(List<Double> measures) {
        return of(measures, Comparator.naturalOrder());
    }
}
