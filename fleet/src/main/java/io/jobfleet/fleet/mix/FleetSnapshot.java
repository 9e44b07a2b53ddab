package io.jobfleet.fleet.mix;

import io.jobfleet.db.Database;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Counts of the jobs table by queue and status at one moment. */
public record FleetSnapshot(Map<String, Map<String, Long>> byQueue) {
    public static FleetSnapshot take(Database db) {
        Map<String, Map<String, Long>> m = new TreeMap<>();
        db.jdbi().useHandle(h -> h.createQuery("SELECT queue, status, count(*) AS n FROM \"" + db.schema()
                        + "\".jobs GROUP BY queue, status")
                .map((rs, ctx) -> {
                    m.computeIfAbsent(rs.getString("queue"), q -> new LinkedHashMap<>())
                            .put(rs.getString("status"), rs.getLong("n"));
                    return null;
                }).list());
        return new FleetSnapshot(m);
    }

    public long count(String queue, String status) {
        return byQueue.getOrDefault(queue, Map.of()).getOrDefault(status, 0L);
    }

    public long total(String queue) {
        return byQueue.getOrDefault(queue, Map.of()).values().stream().mapToLong(Long::longValue).sum();
    }

    public long finished(String queue) {
        return count(queue, "completed") + count(queue, "failed") + count(queue, "cancelled");
    }

    public long allFinished() {
        return byQueue.keySet().stream().mapToLong(this::finished).sum();
    }

    public long all() {
        return byQueue.keySet().stream().mapToLong(this::total).sum();
    }

    /** One line: {@code ai 12/40 (3 running, 1 failed) | documents ...}. */
    public String line() {
        StringBuilder b = new StringBuilder();
        for (String q : byQueue.keySet()) {
            if (b.length() > 0) {
                b.append("  |  ");
            }
            b.append(String.format("%s %d/%d", q, finished(q), total(q)));
            long running = count(q, "running");
            long failed = count(q, "failed");
            if (running > 0 || failed > 0) {
                b.append(String.format(" (%d running, %d failed)", running, failed));
            }
        }
        return b.toString();
    }
}
