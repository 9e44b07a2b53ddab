package io.jobfleet.fleet.mix;

import io.jobfleet.db.Database;
import io.jobfleet.db.NewJob;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Poison jobs for every queue: malformed payloads, an unknown kind, document URLs aimed at cloud
 * metadata, loopback and the database's port (server-side request forgery), a path out of the
 * base directory, and document bombs built in SQL (a row over the size limit, millions of form
 * feeds). Each fails once, readably, and costs its worker only seconds.
 */
public final class PoisonSeeder implements DemoSeeder {
    @Override
    public String family() {
        return "poison";
    }

    @Override
    public List<Expectation> seed(Database db, Path files, DemoSize size) {
        List<Expectation> x = new ArrayList<>();
        x.add(poison(db, "ai", "ai.generate", "[1, 2, 3]", "payload that is not an object", "bad_payload"));
        x.add(poison(db, "ai", "ai.generate", "{\"prompt\": \"hello\"}", "ai job without user_id", "bad_payload"));
        x.add(poison(db, "ai", "ai.translate", "{\"user_id\": \"u1\"}", "unknown kind", "unknown_kind"));
        x.add(poison(db, "documents", "document.extract_requirements", "{\"document_id\": \"forty-two\"}",
                "document id of the wrong type", "bad_payload"));
        x.add(poison(db, "collections", "collection.generate", "{}", "collection job without collection_id",
                "bad_payload"));
        x.add(document(db, "http://169.254.169.254/latest/meta-data/", null, "URL aimed at cloud metadata", "refused"));
        x.add(document(db, "http://[::1]:5432/", null, "URL aimed at the database port on loopback", "refused"));
        x.add(document(db, "http://2130706433/admin", null, "URL with a decimal loopback address", "refused"));
        x.add(document(db, "/etc/passwd", null, "path outside the documents base directory", "not_found"));
        x.add(document(db, null, "convert_to(repeat('x', " + 25 * 1024 * 1024 + "), 'UTF8')",
                "25 MiB row, over the size limit", "too_large"));
        x.add(document(db, null, "convert_to(repeat(chr(12), " + 3 * 1024 * 1024 + "), 'UTF8')",
                "3 million form feeds (pages)", "too_large"));
        return x;
    }

    /** A document row with a hostile {@code location}, or content built by {@code contentSql} in the database. */
    private static Expectation document(Database db, String location, String contentSql, String label,
                                        String errorClass) {
        long id = db.jdbi().withHandle(h -> h.createQuery("INSERT INTO " + DemoTables.of(db).documents()
                        + " (user_id, file_name, location, "
                        + "content, content_type) VALUES ('user-1', 'poison.txt', :l, "
                        + (contentSql == null ? "NULL" : contentSql) + ", 'text/plain') RETURNING id")
                .bind("l", location).mapTo(Long.class).one());
        return poison(db, "documents", "document.extract_requirements", "{\"document_id\": " + id + "}", label,
                errorClass);
    }

    private static Expectation poison(Database db, String queue, String kind, String payload, String label,
                                      String errorClass) {
        long id = db.queue().enqueue(NewJob.of(queue, kind, payload));
        return Expectation.fails(id, kind, "poison: " + label, errorClass);
    }
}
