package io.jobfleet.bridge;

import static io.jobfleet.bridge.SqlText.ident;
import static io.jobfleet.bridge.SqlText.literal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jobfleet.config.ConfigException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The SQL of one bridge, generated from its configuration and the source table's catalog entry:
 * the triggers and functions that install it, the statements that remove it, the backfill and the
 * status queries. Identifiers are quoted with {@link SqlText#ident}, values with
 * {@link SqlText#literal}; nothing from the bridge file is spliced in unquoted.
 *
 * <p>Three triggers: on the app's table, one enqueues a job for each row inserted with the pending
 * word, one cancels the job when the app sets the cancelled word (or enqueues a new job when the
 * app sets a finished row back to pending); on the jobs table, one writes every change of status
 * or attempts of this bridge's jobs onto the source row, in the transaction that changed the job.
 * The functions run as their owner (the installer) with an empty search path, so the app's role
 * needs no rights on the jobs table and the workers' role none on the app's queue table.
 */
final class BridgeSql {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BridgeConfig config;
    private final SourceTable source;
    private final String jobs;
    private final String schema;
    private final BridgeConfig.Columns cols;

    BridgeSql(BridgeConfig config, SourceTable source, String jobfleetSchema) {
        this.config = config;
        this.source = source;
        this.schema = ident(jobfleetSchema);
        this.jobs = schema + ".jobs";
        this.cols = config.columns();
        check();
    }

    // ---- names of what a bridge creates

    private String function(String what) {
        return schema + "." + ident("bridge_" + config.name() + "_" + what);
    }

    private String appTrigger(String what) {
        return ident("jobfleet_bridge_" + config.name() + "_" + what);
    }

    private String mirrorTrigger() {
        return ident("bridge_" + config.name() + "_mirror");
    }

    /** The triggers a healthy bridge has: (table, trigger name) pairs, unquoted. */
    Map<String, String> expectedTriggers() {
        Map<String, String> t = new LinkedHashMap<>();
        t.put("jobfleet_bridge_" + config.name() + "_enqueue", source.sql());
        t.put("jobfleet_bridge_" + config.name() + "_app_update", source.sql());
        t.put("bridge_" + config.name() + "_mirror", jobs);
        return t;
    }

    // ---- install and remove

    /** The statements that install the bridge (functions, then triggers). */
    List<String> install() {
        List<String> s = new ArrayList<>();
        s.add(function("enqueue", "BEGIN\n" + insertJobs("(SELECT NEW.*)", "TRUE") + ";\n    RETURN NULL;\nEND\n"));
        s.add(function("mirror", mirrorBody()));
        s.add(function("app_update", appUpdateBody()));
        s.add("CREATE TRIGGER " + appTrigger("enqueue") + " AFTER INSERT ON " + source.sql()
                + " FOR EACH ROW WHEN (" + statusIs("NEW", config.status().pending()) + ")"
                + " EXECUTE FUNCTION " + function("enqueue") + "()");
        List<String> watched = new ArrayList<>(List.of(literal(config.status().pending())));
        if (config.status().cancelled() != null) {
            watched.add(literal(config.status().cancelled()));
        }
        String status = ident(config.status().column());
        s.add("CREATE TRIGGER " + appTrigger("app_update") + " AFTER UPDATE OF " + status + " ON " + source.sql()
                + " FOR EACH ROW WHEN (OLD." + status + " IS DISTINCT FROM NEW." + status
                + " AND CAST(NEW." + status + " AS text) IN (" + String.join(", ", watched) + "))"
                + " EXECUTE FUNCTION " + function("app_update") + "()");
        // Only this bridge's jobs, and only a change the app can see: heartbeats (lease_until) and
        // unbridged jobs never call the function; the WHEN test is all they cost.
        s.add("CREATE TRIGGER " + mirrorTrigger() + " AFTER UPDATE ON " + jobs
                + " FOR EACH ROW WHEN (NEW.bridge = " + literal(config.name())
                + " AND (OLD.status IS DISTINCT FROM NEW.status OR OLD.attempts IS DISTINCT FROM NEW.attempts))"
                + " EXECUTE FUNCTION " + function("mirror") + "()");
        return s;
    }

    /** The statements that remove everything {@link #install()} created. */
    List<String> remove() {
        return List.of(
                "DROP TRIGGER IF EXISTS " + appTrigger("enqueue") + " ON " + source.sql(),
                "DROP TRIGGER IF EXISTS " + appTrigger("app_update") + " ON " + source.sql(),
                "DROP TRIGGER IF EXISTS " + mirrorTrigger() + " ON " + jobs,
                "DROP FUNCTION IF EXISTS " + function("enqueue") + "()",
                "DROP FUNCTION IF EXISTS " + function("mirror") + "()",
                "DROP FUNCTION IF EXISTS " + function("app_update") + "()");
    }

    /** Enqueues a job for every row already pending that has no pending or running job. */
    String backfill() {
        return insertJobs(source.sql(), statusIs("src", config.status().pending()) + " AND " + noLiveJob("src"));
    }

    private String function(String what, String body) {
        return "CREATE FUNCTION " + function(what) + "() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER"
                + " SET search_path = pg_catalog, pg_temp AS " + SqlText.body(body);
    }

    /**
     * One INSERT ... SELECT of a job per source row of {@code from} (aliased {@code src}) whose
     * kind is mapped and that passes {@code where}: used by the insert trigger, the backfill and
     * the app's re-enqueue.
     */
    private String insertJobs(String from, String where) {
        String timeout = Integer.toString(config.timeoutSeconds() == null
                ? BridgeConfig.DEFAULT_TIMEOUT_SECONDS : config.timeoutSeconds());
        // a malformed traceparent is dropped by the jobs table's trigger (V13), never refused
        boolean traced = cols.traceparent() != null;
        return "INSERT INTO " + jobs + " (queue, kind, payload, priority, scheduled_at, max_attempts, timeout_seconds,"
                + " bridge, source_id" + (traced ? ", traceparent" : "") + ")\n"
                + "    SELECT " + queueOf("k.kind") + ", k.kind, " + payload("src") + ",\n"
                + "           " + orDefault(cols.priority(), "src", "0") + ",\n"
                + "           coalesce(" + timestampIn("src", cols.scheduledAt()) + ", now()),\n"
                + "           greatest(" + orDefault(cols.maxAttempts(), "src", Integer.toString(BridgeConfig.DEFAULT_MAX_ATTEMPTS)) + ", 1),\n"
                + "           " + timeout + ", " + literal(config.name()) + ", CAST(src." + ident(config.id()) + " AS text)"
                + (traced ? ", CAST(src." + ident(cols.traceparent()) + " AS text)" : "") + "\n"
                + "      FROM " + from + " AS src\n"
                + "     CROSS JOIN LATERAL (SELECT " + kindOf("src") + " AS kind) AS k\n"
                + "     WHERE k.kind IS NOT NULL AND " + where;
    }

    private String mirrorBody() {
        StringJoiner set = new StringJoiner(",\n           ");
        set.add(ident(config.status().column()) + " = CAST(" + wordOf("NEW.status") + " AS "
                + source.column(config.status().column(), "status").type() + ")");
        if (cols.attempts() != null) {
            set.add(ident(cols.attempts()) + " = NEW.attempts");
        }
        if (cols.startedAt() != null) {
            set.add(ident(cols.startedAt()) + " = " + timestampOut(cols.startedAt(), "NEW.started_at"));
        }
        if (cols.completedAt() != null) {
            set.add(ident(cols.completedAt()) + " = " + timestampOut(cols.completedAt(), "NEW.completed_at"));
        }
        if (cols.result() != null) {
            set.add(ident(cols.result()) + " = CASE WHEN NEW.status = 'completed' THEN CAST(NEW.result AS "
                    + source.column(cols.result(), "result").type() + ") ELSE dst." + ident(cols.result()) + " END");
        }
        if (cols.error() != null) {
            set.add(ident(cols.error()) + " = CAST(CASE NEW.status WHEN 'completed' THEN NULL"
                    + " WHEN 'cancelled' THEN 'cancelled' ELSE NEW.last_error END AS "
                    + source.column(cols.error(), "error").type() + ")");
        }
        if (cols.updatedAt() != null) {
            set.add(ident(cols.updatedAt()) + " = " + timestampOut(cols.updatedAt(), "now()"));
        }
        return "BEGIN\n    UPDATE " + source.sql() + " AS dst\n       SET " + set + "\n"
                + "     WHERE dst." + ident(config.id()) + " = CAST(NEW.source_id AS "
                + source.column(config.id(), "id").type() + ");\n    RETURN NULL;\nEND\n";
    }

    /**
     * The app changed a row's status: to its cancelled word, cancel the live job (a running one is
     * interrupted at its worker's next heartbeat, as {@code jobfleet.cancel} does); back to pending
     * from a finished word, enqueue a new job unless one is live. No ping-pong: the mirror only
     * writes the cancelled word once the job is cancelled (then nothing is live to cancel) and
     * pending only while the job is pending (then one is live), and writing the word a row already
     * has does not fire this trigger (its WHEN compares old and new).
     */
    private String appUpdateBody() {
        String status = ident(config.status().column());
        StringBuilder b = new StringBuilder("BEGIN\n");
        if (config.status().cancelled() != null) {
            b.append("    IF ").append(statusIs("NEW", config.status().cancelled())).append(" THEN\n")
                    .append("        PERFORM ").append(schema).append(".cancel(j.id) FROM ").append(jobs).append(" AS j\n")
                    .append("          WHERE ").append(liveJobOf("NEW")).append(";\n")
                    .append("        RETURN NULL;\n    END IF;\n");
        }
        List<String> finished = new ArrayList<>(List.of(literal(config.status().completed()), literal(config.status().failed())));
        if (config.status().cancelled() != null) {
            finished.add(literal(config.status().cancelled()));
        }
        b.append("    IF CAST(OLD.").append(status).append(" AS text) IN (").append(String.join(", ", finished)).append(") THEN\n")
                .append("        ").append(insertJobs("(SELECT NEW.*)", noLiveJob("src")).replace("\n", "\n        ")).append(";\n")
                .append("    END IF;\n    RETURN NULL;\nEND\n");
        return b.toString();
    }

    // ---- status

    /** Source rows by the app's status word. */
    String sourceCounts() {
        return "SELECT CAST(src." + ident(config.status().column()) + " AS text) AS status, count(*) AS n FROM "
                + source.sql() + " AS src GROUP BY 1 ORDER BY 1";
    }

    /** How many source rows of a problem {@code bridge status} names by id. */
    static final int EXAMPLES = 10;

    /** Source rows whose status differs from what the latest job of the row says (the mirror's word). */
    String mismatches() {
        return "SELECT count(*)" + mismatched();
    }

    /** The ids of the first {@link #EXAMPLES} of {@link #mismatches()}. */
    String mismatchExamples() {
        return examples(mismatched());
    }

    private String mismatched() {
        return " FROM (SELECT DISTINCT ON (j.source_id) j.source_id, j.status FROM " + jobs + " AS j"
                + " WHERE j.bridge = " + literal(config.name()) + " ORDER BY j.source_id, j.id DESC) AS j"
                + " JOIN " + source.sql() + " AS src ON src." + ident(config.id()) + " = CAST(j.source_id AS "
                + source.column(config.id(), "id").type() + ")"
                + " WHERE CAST(src." + ident(config.status().column()) + " AS text) IS DISTINCT FROM " + wordOf("j.status");
    }

    /** Source rows pending, with a mapped kind, but no pending or running job. */
    String pendingWithoutJob() {
        return "SELECT count(*)" + pendingWithoutLiveJob();
    }

    /** The ids of the first {@link #EXAMPLES} of {@link #pendingWithoutJob()}. */
    String pendingWithoutJobExamples() {
        return examples(pendingWithoutLiveJob());
    }

    private String pendingWithoutLiveJob() {
        return " FROM " + source.sql() + " AS src WHERE " + statusIs("src", config.status().pending())
                + " AND " + kindOf("src") + " IS NOT NULL AND " + noLiveJob("src");
    }

    private String examples(String fromWhere) {
        return "SELECT CAST(src." + ident(config.id()) + " AS text)" + fromWhere + " ORDER BY src." + ident(config.id())
                + " LIMIT " + EXAMPLES;
    }

    /** Jobs of the bridge whose source row no longer exists. */
    String jobsWithoutSource() {
        return "SELECT count(*) FROM " + jobs + " AS j WHERE j.bridge = " + literal(config.name())
                + " AND NOT EXISTS (SELECT 1 FROM " + source.sql() + " AS src WHERE src." + ident(config.id())
                + " = CAST(j.source_id AS " + source.column(config.id(), "id").type() + "))";
    }

    // ---- expressions

    private String statusIs(String row, String word) {
        return "CAST(" + row + "." + ident(config.status().column()) + " AS text) = " + literal(word);
    }

    private String liveJobOf(String row) {
        return "j.bridge = " + literal(config.name()) + " AND j.source_id = CAST(" + row + "." + ident(config.id())
                + " AS text) AND j.status IN ('pending', 'running')";
    }

    private String noLiveJob(String row) {
        return "NOT EXISTS (SELECT 1 FROM " + jobs + " AS j WHERE " + liveJobOf(row) + ")";
    }

    /** The app's word for a jobs.status value (a cancelled job is failed where the app has no cancelled word). */
    private String wordOf(String jobStatus) {
        BridgeConfig.Status w = config.status();
        return "CASE " + jobStatus + " WHEN 'pending' THEN " + literal(w.pending())
                + " WHEN 'running' THEN " + literal(w.running())
                + " WHEN 'completed' THEN " + literal(w.completed())
                + " WHEN 'failed' THEN " + literal(w.failed())
                + " WHEN 'cancelled' THEN " + literal(w.cancelled() == null ? w.failed() : w.cancelled()) + " END";
    }

    private String kindOf(String row) {
        BridgeConfig.Kind k = config.kind();
        if (k.fixed() != null) {
            return "CAST(" + literal(k.fixed()) + " AS text)";
        }
        StringBuilder b = new StringBuilder("CASE CAST(" + row + "." + ident(k.column()) + " AS text)");
        k.values().forEach((value, kind) -> b.append(" WHEN ").append(literal(value)).append(" THEN ").append(literal(kind)));
        return b.append(" END").toString();
    }

    private String queueOf(String kind) {
        if (config.queues().isEmpty()) {
            return literal(config.queue());
        }
        StringBuilder b = new StringBuilder("CASE " + kind);
        config.queues().forEach((k, q) -> b.append(" WHEN ").append(literal(k)).append(" THEN ").append(literal(q)));
        return b.append(" ELSE ").append(literal(config.queue())).append(" END").toString();
    }

    private String payload(String row) {
        BridgeConfig.Payload p = config.payload();
        if (p == null) {
            return "'{}'::jsonb";
        }
        String base = "'{}'::jsonb";
        if (p.column() != null) {
            base = schema + ".bridge_rename_keys(CAST(" + row + "." + ident(p.column()) + " AS jsonb), CAST("
                    + literal(json(p.rename() == null ? Map.of() : p.rename())) + " AS jsonb))";
        }
        if (p.columns() == null || p.columns().isEmpty()) {
            return base;
        }
        StringJoiner args = new StringJoiner(", ");
        p.columns().forEach((key, column) -> args.add(literal(key) + ", " + row + "." + ident(column)));
        return "(" + base + " || pg_catalog.jsonb_build_object(" + args + "))";
    }

    private String orDefault(String column, String row, String dflt) {
        return column == null ? dflt : "coalesce(CAST(" + row + "." + ident(column) + " AS integer), " + dflt + ")";
    }

    /** A timestamp column of the app as timestamptz ({@code timestamp} columns are in the bridge's zone). */
    private String timestampIn(String row, String column) {
        if (column == null) {
            return "NULL::timestamptz";
        }
        String ref = row + "." + ident(column);
        return source.column(column, "timestamp").isLocalTimestamp() ? "(" + ref + " AT TIME ZONE " + literal(config.timeZone()) + ")" : ref;
    }

    /** A timestamptz value as the app's column stores it. */
    private String timestampOut(String column, String value) {
        return source.column(column, "timestamp").isLocalTimestamp()
                ? "(" + value + " AT TIME ZONE " + literal(config.timeZone()) + ")" : value;
    }

    /** The catalog agrees with the configuration: columns exist, types fit, enum labels are known. */
    private void check() {
        BridgeConfig c = config;
        source.column(c.id(), "id");
        SourceTable.Column status = source.column(c.status().column(), "status");
        if (!status.isEnum() && !status.isText()) {
            throw new ConfigException("status column \"" + status.name() + "\" must be text or an enum, is " + status.type());
        }
        if (status.isEnum()) {
            for (String w : new String[] {c.status().pending(), c.status().running(), c.status().completed(),
                    c.status().failed(), c.status().cancelled()}) {
                if (w != null && !status.labels().contains(w)) {
                    throw new ConfigException("status word \"" + w + "\" is not a value of enum " + status.type()
                            + " (values: " + String.join(", ", status.labels()) + ")");
                }
            }
        }
        if (c.kind().column() != null) {
            SourceTable.Column kind = source.column(c.kind().column(), "kind");
            if (kind.isEnum()) {
                c.kind().values().keySet().stream().filter(v -> !kind.labels().contains(v)).findFirst().ifPresent(v -> {
                    throw new ConfigException("kind value \"" + v + "\" is not a value of enum " + kind.type()
                            + " (values: " + String.join(", ", kind.labels()) + ")");
                });
            }
        }
        if (c.payload() != null) {
            if (c.payload().column() != null && !source.column(c.payload().column(), "payload").isJson()) {
                throw new ConfigException("payload column \"" + c.payload().column() + "\" must be json or jsonb");
            }
            if (c.payload().columns() != null) {
                c.payload().columns().values().forEach(col -> source.column(col, "payload"));
            }
        }
        for (String n : new String[] {c.columns().priority(), c.columns().maxAttempts(), c.columns().attempts()}) {
            if (n != null && !source.column(n, "number").isNumber()) {
                throw new ConfigException("column \"" + n + "\" must be a number");
            }
        }
        for (String n : new String[] {c.columns().scheduledAt(), c.columns().startedAt(), c.columns().completedAt(),
                c.columns().updatedAt()}) {
            if (n != null && !source.column(n, "timestamp").isTimestamp()) {
                throw new ConfigException("column \"" + n + "\" must be timestamp or timestamptz");
            }
        }
        if (c.columns().result() != null) {
            SourceTable.Column r = source.column(c.columns().result(), "result");
            if (!r.isJson() && !r.isText()) {
                throw new ConfigException("result column \"" + r.name() + "\" must be json, jsonb or text");
            }
        }
        if (c.columns().error() != null && !source.column(c.columns().error(), "error").isText()) {
            throw new ConfigException("error column \"" + c.columns().error() + "\" must be text");
        }
        if (c.columns().traceparent() != null && !source.column(c.columns().traceparent(), "traceparent").isText()) {
            throw new ConfigException("traceparent column \"" + c.columns().traceparent() + "\" must be text");
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
