package io.jobfleet.cli;

import io.jobfleet.db.Database;
import io.jobfleet.db.DiagnoseSql;
import io.jobfleet.db.DiagnoseSql.DuplicateGroup;
import io.jobfleet.db.DiagnoseSql.FailureGroup;
import io.jobfleet.db.DiagnoseSql.IdleQueue;
import io.jobfleet.db.DiagnoseSql.Listing;
import io.jobfleet.db.DiagnoseSql.WorkerSeen;
import io.jobfleet.db.FlowControlSql.Pause;
import io.jobfleet.db.Migrations;
import io.jobfleet.db.Migrations.SchemaState;
import io.jobfleet.db.QueueStats;
import io.jobfleet.db.ScheduleRow;
import io.jobfleet.db.StuckJob;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything {@code diagnose} gathered, at one moment. {@code claimScanPages}: per queue, the pages
 * finding its next pending job reads, as the claim does (queues whose plan skips the claim's index
 * are left out).
 */
record Diagnosis(Instant at, Options options, SchemaState schema, List<QueueStats> stats,
                 Listing<StuckJob> expiredLeases, Listing<StuckJob> pastTimeout, List<FailureGroup> failures,
                 List<DuplicateGroup> duplicates, List<WorkerSeen> workers, List<IdleQueue> idleQueues,
                 List<ScheduleRow> schedules, List<Pause> pauses, Map<String, Long> claimScanPages) {

    /**
     * What to look at: {@code window} for stats and worker activity, {@code failuresWindow} for
     * failures, {@code stale} before due jobs in a queue without workers count as stuck,
     * {@code maxLag} before a queue's lag is a problem, {@code limit} rows per list.
     */
    record Options(String queue, Duration window, Duration failuresWindow, Duration stale, Duration maxLag,
                   int limit) {
    }

    /** Looks at everything; with no jobfleet tables in the schema, only at the schema. */
    static Diagnosis gather(Database database, Options o) {
        SchemaState schema = new Migrations(database.dataSource(), database.schema()).state();
        if (schema.current() == null) {
            return new Diagnosis(Instant.now(), o, schema, List.of(), new Listing<>(List.of(), 0),
                    new Listing<>(List.of(), 0), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), Map.of());
        }
        DiagnoseSql sql = database.admin().diagnose();
        List<QueueStats> stats = StatsCommand.load(database, o.queue(), o.window());
        Map<String, Long> claimScans = new TreeMap<>();
        for (QueueStats q : stats) {
            sql.claimScanPages(q.queue()).ifPresent(pages -> claimScans.put(q.queue(), pages));
        }
        return new Diagnosis(Instant.now(), o, schema,
                stats,
                sql.expiredLeases(o.queue(), o.limit()),
                sql.pastTimeout(o.queue(), o.limit()),
                sql.failures(o.queue(), o.failuresWindow()),
                sql.duplicates(o.queue(), o.limit()),
                sql.workersSeen(o.queue(), o.window()),
                sql.idleQueues(o.queue(), o.window(), o.stale()),
                ScheduleView.load(database, o.queue()),
                schema.upToDate() ? database.admin().flow().pauses(o.queue()) : List.of(),
                claimScans);
    }
}
