package io.jobfleet.db;

import io.jobfleet.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;

/**
 * EXPLAIN of the generic plan of one of the queue's named statements: the plan a worker's prepared
 * statement reuses after its first executions, planned for any values. An EXPLAIN with bound values
 * is planned for those values whatever {@code plan_cache_mode} says, so the statement is {@code
 * PREPARE}d with positional parameters and its execution explained under {@code
 * force_generic_plan}, in a transaction rolled back afterwards (with ANALYZE it runs).
 */
final class GenericPlan {
    private GenericPlan() {
    }

    /** A named parameter of the statement: its type in the PREPARE and the SQL literal it is executed with. */
    record Param(String name, String type, String value) {
    }

    /** The plan, as EXPLAIN ({@code options}) prints it, of the named statement run with {@code params}. */
    static String explain(TestDatabase db, String statement, String options, List<Param> params) {
        String sql = NamedSql.load(statement, db.config().schema());
        List<String> types = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (Param p : params) {
            types.add(p.type());
            values.add(p.value());
            sql = sql.replace(":" + p.name(), "$" + types.size());
        }
        String prepare = "PREPARE generic_plan (" + String.join(", ", types) + ") AS " + sql;
        String explain = "EXPLAIN (" + options + ") EXECUTE generic_plan (" + String.join(", ", values) + ")";
        return db.db().jdbi().withHandle(h -> {
            boolean prepared = false;
            h.begin();
            try {
                h.execute("SET LOCAL plan_cache_mode = force_generic_plan");
                h.execute(prepare);
                prepared = true;
                return String.join("\n", h.createQuery(explain).mapTo(String.class).list());
            } finally {
                h.rollback();
                if (prepared) {
                    h.execute("DEALLOCATE generic_plan");
                }
            }
        });
    }
}
