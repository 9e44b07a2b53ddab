package io.jobfleet.bench;

import io.jobfleet.db.Migrations;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Fresh schemas for each run: a migrated jobfleet schema, or an empty one for a peer. All are
 * dropped at the end of the benchmark.
 */
final class Schemas {
    private final BenchServer server;
    private final Set<String> made = new LinkedHashSet<>();

    Schemas(BenchServer server) {
        this.server = server;
    }

    /** A newly migrated jobfleet schema named {@code bench_NAME}. */
    String jobfleet(String name) {
        String schema = empty(name);
        new Migrations(server.admin(), schema).migrate();
        return schema;
    }

    /** A new empty schema named {@code bench_NAME} (an old one of that name is dropped first). */
    String empty(String name) {
        String schema = "bench_" + name;
        drop(schema);
        server.execute("CREATE SCHEMA " + quote(schema));
        made.add(schema);
        return schema;
    }

    void drop(String schema) {
        server.execute("DROP SCHEMA IF EXISTS " + quote(schema) + " CASCADE");
        made.remove(schema);
    }

    void dropAll() {
        for (String s : Set.copyOf(made)) {
            try {
                drop(s);
            } catch (RuntimeException e) {
                System.err.println("bench: could not drop schema " + s + ": " + e.getMessage());
            }
        }
    }

    static String quote(String identifier) {
        return "\"" + identifier + "\"";
    }

    /** {@code "schema".jobs} */
    static String jobs(String schema) {
        return quote(schema) + ".jobs";
    }
}
