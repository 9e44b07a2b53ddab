package io.jobfleet.collections.study;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Splits a target over chunks in proportion to their sizes (largest remainder), at least one per
 * chunk. The shares add up to the target, or to the number of chunks when there are more chunks
 * than the target.
 */
public final class Shares {
    private Shares() {
    }

    public static List<Integer> of(int total, List<Integer> sizes) {
        long sum = sizes.stream().mapToLong(s -> Math.max(1, s)).sum();
        List<Integer> shares = new ArrayList<>();
        List<Double> remainders = new ArrayList<>();
        int given = 0;
        for (int size : sizes) {
            double exact = (double) total * Math.max(1, size) / sum;
            int share = Math.max(1, (int) Math.floor(exact));
            shares.add(share);
            remainders.add(exact - Math.floor(exact));
            given += share;
        }
        List<Integer> byRemainder = IntStream.range(0, sizes.size()).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> remainders.get(i)).reversed()
                        .thenComparing(Comparator.naturalOrder()))
                .toList();
        for (int k = 0; given < total && k < byRemainder.size(); k++) {
            int i = byRemainder.get(k);
            shares.set(i, shares.get(i) + 1);
            given++;
        }
        return shares;
    }
}
