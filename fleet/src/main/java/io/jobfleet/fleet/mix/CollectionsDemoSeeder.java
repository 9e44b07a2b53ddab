package io.jobfleet.fleet.mix;

import io.jobfleet.db.Database;
import io.jobfleet.db.NewJob;
import io.jobfleet.text.samples.SampleDocuments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Study collections from pasted text and documents; one with no sources fails readably. */
public final class CollectionsDemoSeeder implements DemoSeeder {
    private static final String KIND = "collection.generate";

    @Override
    public String family() {
        return "collections";
    }

    @Override
    public List<Expectation> seed(Database db, Path files, DemoSize size) throws Exception {
        List<Expectation> x = new ArrayList<>();
        Path pdf = files.resolve("study-notes.pdf");
        Files.write(pdf, SampleDocuments.pdf(List.of(SampleDocuments.studyText())));
        for (int i = 0; i < size.collections(); i++) {
            long id = collection(db, "user-" + (i % 3 + 1), "Collection " + (i + 1), 12, 6);
            source(db, id, 1, SampleDocuments.studyText(), null);
            if (i % 2 == 0) {
                source(db, id, 2, null, "file:" + pdf);
            }
            long job = db.queue().enqueue(NewJob.of("collections", KIND, "{\"collection_id\": " + id + "}")
                    .withMaxAttempts(4));
            x.add(Expectation.completes(job, KIND, "study collection " + id));
        }
        long empty = collection(db, "user-3", "Empty collection", 10, 5);
        long job = db.queue().enqueue(NewJob.of("collections", KIND, "{\"collection_id\": " + empty + "}"));
        x.add(Expectation.fails(job, KIND, "collection without sources", null));
        return x;
    }

    private static long collection(Database db, String user, String title, int cards, int questions) {
        return db.jdbi().withHandle(h -> h.createQuery("INSERT INTO " + DemoTables.of(db).collections()
                        + " (user_id, title, "
                        + "target_flashcards, target_questions) VALUES (:u, :t, :c, :q) RETURNING id")
                .bind("u", user).bind("t", title).bind("c", cards).bind("q", questions).mapTo(Long.class).one());
    }

    private static void source(Database db, long collection, int position, String text, String location) {
        db.jdbi().useHandle(h -> h.createUpdate("INSERT INTO " + DemoTables.of(db).sources()
                        + " (collection_id, position, kind, text, "
                        + "location, file_name) VALUES (:c, :p, :k, :t, :l, :f)")
                .bind("c", collection).bind("p", position).bind("k", text != null ? "text" : "document")
                .bind("t", text).bind("l", location).bind("f", location == null ? null : "study-notes.pdf")
                .execute());
    }
}
