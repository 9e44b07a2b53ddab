package io.jobfleet.db;

import io.jobfleet.db.QueueSql.Held;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The statements on what an attempt reports while it runs ({@code sql/progress/*.sql}): its
 * progress on the job row and its checkpoints. Both writes are fenced by the attempt's claim
 * token, like every write of an attempt: a worker that lost the job writes nothing.
 */
public final class ProgressSql {
    private final Jdbi jdbi;
    private final String write;
    private final String save;
    private final String read;

    ProgressSql(Jdbi jdbi, String schema) {
        this.jdbi = jdbi;
        this.write = NamedSql.load("progress/write", schema);
        this.save = NamedSql.load("progress/checkpoint_save", schema);
        this.read = NamedSql.load("progress/checkpoint_read", schema);
    }

    /** Stores the progress of a held attempt inside {@code h}'s transaction; false when it is no longer held. */
    public boolean write(Handle h, Held held, String worker, long done, long total, String stage, Instant at) {
        return h.createQuery(write)
                .bind("id", held.id()).bind("token", held.token()).bind("worker", worker)
                .bind("done", done).bind("total", total).bind("stage", stage)
                .bind("at", at.atOffset(ZoneOffset.UTC))
                .mapTo(Long.class).findOne().isPresent();
    }

    /** Saves (or replaces) a checkpoint of a held attempt; false when it is no longer held (nothing saved). */
    public boolean save(Held held, String worker, String name, String valueJson) {
        return jdbi.withHandle(h -> h.createQuery(save)
                .bind("id", held.id()).bind("token", held.token()).bind("worker", worker)
                .bind("attempt", held.attempt())
                .bind("name", name).bind("value", valueJson)
                .mapTo(Long.class).findOne().isPresent());
    }

    /** The checkpoint {@code name} of job {@code id}, as JSON text. */
    public Optional<String> read(long id, String name) {
        return jdbi.withHandle(h -> h.createQuery(read).bind("id", id).bind("name", name)
                .mapTo(String.class).findOne());
    }
}
