package io.jobfleet.fleet.chaos;

import io.jobfleet.db.Database;
import io.jobfleet.db.NewJob;
import io.jobfleet.fleet.mix.AiDemoSeeder;
import io.jobfleet.fleet.mix.CollectionsDemoSeeder;
import io.jobfleet.fleet.mix.DemoSeeder;
import io.jobfleet.fleet.mix.DemoSize;
import io.jobfleet.fleet.mix.DemoTables;
import io.jobfleet.fleet.mix.DocumentsDemoSeeder;
import io.jobfleet.fleet.mix.MessagesDemoSeeder;
import io.jobfleet.fleet.mix.PoisonSeeder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enqueues a batch of the mixed job set (AI, documents, invoices, collections, conversations, poison payloads)
 * and, every few batches, an oversized document. Tolerates a database that is down (the batch is
 * simply skipped), and counts what it enqueued.
 */
final class ChaosProducer {
    private static final Logger log = LoggerFactory.getLogger(ChaosProducer.class);
    private static final DemoSize BATCH = new DemoSize(2, 2, 2, 1, 1, 1, 2);

    private final Database db;
    private final Path files;
    private final List<DemoSeeder> seeders = List.of(new AiDemoSeeder(), new DocumentsDemoSeeder(),
            new CollectionsDemoSeeder(), new MessagesDemoSeeder(), new PoisonSeeder());
    private final AtomicLong enqueued = new AtomicLong();
    private int batches;

    ChaosProducer(Database db, Path files) {
        this.db = db;
        this.files = files;
    }

    /** One batch; false when the database refused it (e.g. during a restart). */
    boolean produceBatch() {
        int n = ++batches;
        Path dir = files.resolve("batch-" + n);
        int made = 0;
        try {
            Files.createDirectories(dir);
            for (DemoSeeder s : seeders) {
                made += s.seed(db, dir, BATCH).size();
            }
            if (n % 5 == 1) {
                made += oversized(dir);
            }
            return true;
        } catch (Exception e) {
            log.info("batch {} cut short ({}); {} job(s) of it were enqueued", n, e.getClass().getSimpleName(), made);
            return false;
        } finally {
            enqueued.addAndGet(made);
        }
    }

    long enqueued() {
        return enqueued.get();
    }

    /** A document over the 20 MiB default limit: fails readably, never kills the worker. */
    private int oversized(Path dir) throws IOException {
        Path big = dir.resolve("oversized.txt");
        byte[] line = "This line repeats to make a document larger than the loader accepts.\n"
                .getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = Files.newOutputStream(big)) {
            for (long written = 0; written < 21L * 1024 * 1024; written += line.length) {
                out.write(line);
            }
        }
        long doc = db.jdbi().withHandle(h -> h.createQuery("INSERT INTO " + DemoTables.of(db).documents()
                + " (user_id, file_name, location) "
                + "VALUES ('user-1', 'oversized.txt', :l) RETURNING id").bind("l", "file:" + big)
                .mapTo(Long.class).one());
        db.queue().enqueue(NewJob.of("documents", "document.extract_requirements", "{\"document_id\": " + doc + "}"));
        return 1;
    }
}
