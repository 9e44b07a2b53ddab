package io.jobfleet.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobfleet.testing.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A bridge may map the app row's traceparent column onto the job: a well-formed value is carried
 * over, a malformed one is dropped and the app's insert still succeeds.
 */
class BridgeTraceparentTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    private static final String TP = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void theMappedColumnIsTheJobsTraceparentAndAMalformedOneIsDropped() {
        String table = DB.app("traced_jobs");
        DB.db().jdbi().useHandle(h -> h.execute("CREATE TABLE " + table + " (id bigint GENERATED ALWAYS AS IDENTITY "
                + "PRIMARY KEY, status text NOT NULL, trace_parent text)"));
        BridgeConfig config = BridgeConfig.parse(String.join("\n",
                "name: traced",
                "table: '" + table + "'",
                "status: {column: status, pending: PENDING, running: RUNNING, completed: DONE, failed: FAILED}",
                "kind: {fixed: traced.work}",
                "queue: traced",
                "columns: {traceparent: trace_parent}"));
        new Bridges(DB.db()).install(config);

        List<String> carried = DB.db().jdbi().withHandle(h -> {
            h.execute("INSERT INTO " + table + " (status, trace_parent) VALUES ('PENDING', ?), ('PENDING', ?), "
                    + "('PENDING', NULL)", TP, "00-" + "Z".repeat(32) + "-00f067aa0ba902b7-01");
            return h.createQuery("SELECT traceparent FROM " + DB.jobs() + " WHERE bridge = 'traced' ORDER BY id")
                    .mapTo(String.class).list();
        });
        assertThat(carried).containsExactly(TP, null, null);
    }

    @Test
    void aTraceparentColumnThatIsNotTextIsRefusedAtInstall() {
        String table = DB.app("numbered_jobs");
        DB.db().jdbi().useHandle(h -> h.execute("CREATE TABLE " + table + " (id bigint PRIMARY KEY, status text, tp int)"));
        BridgeConfig config = BridgeConfig.parse(String.join("\n",
                "name: numbered",
                "table: '" + table + "'",
                "status: {column: status, pending: P, running: R, completed: C, failed: F}",
                "kind: {fixed: traced.work}",
                "queue: traced",
                "columns: {traceparent: tp}"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Bridges(DB.db()).install(config))
                .hasMessageContaining("traceparent column \"tp\" must be text");
    }
}
