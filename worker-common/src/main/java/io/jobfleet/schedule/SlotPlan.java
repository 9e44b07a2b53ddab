package io.jobfleet.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Which due slots of a schedule to enqueue at {@code now}, by its catch-up policy, and where its
 * next run moves to. The due slots are those from {@code nextRun} up to {@code now}: normally one,
 * a few milliseconds late; after downtime, several, or one that is long overdue.
 *
 * @param slots the slots to enqueue, oldest first
 * @param due whether any slot was due (when not, the schedule is left alone)
 * @param nextRun the first slot after {@code now} (empty: the expression never fires again)
 */
record SlotPlan(List<Instant> slots, boolean due, Optional<Instant> nextRun) {

    static SlotPlan of(CronSchedule cron, Instant nextRun, Instant now, CatchUp policy, int max, Duration tolerance) {
        if (nextRun.isAfter(now)) {
            return new SlotPlan(List.of(), false, Optional.of(nextRun));
        }
        Instant latest = cron.latestAtOrBefore(now).filter(t -> !t.isBefore(nextRun)).orElse(nextRun);
        Optional<Instant> next = cron.next(now);
        List<Instant> slots = switch (policy) {
            case SKIP -> Duration.between(latest, now).compareTo(tolerance) <= 0 ? List.of(latest) : List.of();
            case LAST -> List.of(latest);
            case ALL -> latestSlots(cron, nextRun, latest, max);
        };
        return new SlotPlan(slots, true, next);
    }

    /** Up to {@code max} slots from {@code first} to {@code latest}, the latest ones, oldest first. */
    private static List<Instant> latestSlots(CronSchedule cron, Instant first, Instant latest, int max) {
        List<Instant> slots = new ArrayList<>();
        Optional<Instant> s = Optional.of(latest);
        while (s.isPresent() && !s.get().isBefore(first) && slots.size() < max) {
            slots.add(s.get());
            s = cron.previous(s.get());
        }
        Collections.reverse(slots);
        return slots;
    }
}
