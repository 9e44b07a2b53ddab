package io.jobfleet.fleet.mix;

import io.jobfleet.db.Database;
import io.jobfleet.db.NewJob;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Poison jobs for every queue: malformed payloads and an unknown kind. Each fails once, readably. */
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
        return x;
    }

    private static Expectation poison(Database db, String queue, String kind, String payload, String label,
                                      String errorClass) {
        long id = db.queue().enqueue(NewJob.of(queue, kind, payload));
        return Expectation.fails(id, kind, "poison: " + label, errorClass);
    }
}
