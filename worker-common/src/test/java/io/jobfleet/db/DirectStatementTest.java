package io.jobfleet.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobfleet.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The enqueue's and the claim's way to JDBC: named parameters bound by name, text cleaned, nulls typed by their CAST. */
class DirectStatementTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    @Test
    void bindsEachNamedParameterEveryTimeItAppears() throws SQLException {
        DirectStatement s = new DirectStatement(
                "SELECT CAST(:word AS text) || '-' || CAST(:word AS text), CAST(:n AS int) + 1, CAST(:x AS float8) * 2, "
                        + "CAST(:at AS timestamptz)");
        OffsetDateTime at = OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC);
        List<Object> row = one(s, Map.of("word", "ab", "n", 41, "x", 1.5, "at", at)::get);
        assertThat(row).containsExactly("ab-ab", 42, 3.0, at);
    }

    @Test
    void aNullTakesItsTypeFromItsCast() throws SQLException {
        DirectStatement s = new DirectStatement("SELECT CAST(:n AS int) IS NULL, coalesce(CAST(:at AS timestamptz), 'epoch')");
        List<Object> row = one(s, name -> null);
        assertThat(row.get(0)).isEqualTo(true);
        assertThat(row.get(1)).isEqualTo(OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
    }

    @Test
    void aPrefixedStatementBindsTheSameParameters() throws SQLException {
        DirectStatement s = new DirectStatement("SELECT CAST(:word AS text) || CAST(:n AS text)");
        assertThat(one(s.prefixed("WITH unused AS (SELECT 1) "), Map.of("word", "a", "n", 1)::get)).containsExactly("a1");
        assertThatThrownBy(() -> s.prefixed("SELECT CAST(:p AS int); ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void textIsBoundWithoutTheCharactersPostgresqlRefuses() throws SQLException {
        DirectStatement s = new DirectStatement("SELECT CAST(:t AS text)");
        assertThat(one(s, name -> "a\u0000b")).containsExactly("ab");
    }

    @Test
    void colonsInLiteralsCastsAndCommentsAreNotParameters() throws SQLException {
        DirectStatement s = new DirectStatement("-- not :a parameter\nSELECT ':b'::text, CAST(:c AS text)");
        List<String> asked = new ArrayList<>();
        List<Object> row = one(s, name -> {
            asked.add(name);
            return "C";
        });
        assertThat(asked).containsExactly("c");
        assertThat(row).containsExactly(":b", "C");
    }

    @Test
    void aValueOfAnotherTypeIsRefusedByName() {
        DirectStatement s = new DirectStatement("SELECT CAST(:v AS text)");
        assertThatThrownBy(() -> one(s, name -> new StringBuilder("x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.StringBuilder");
    }

    private static List<Object> one(DirectStatement s, Function<String, Object> values) throws SQLException {
        try (Connection c = DB.db().pool().getConnection()) {
            return s.query(c, values, rs -> {
                assertThat(rs.next()).isTrue();
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.add(rs.getMetaData().getColumnType(i) == java.sql.Types.TIMESTAMP
                            || rs.getMetaData().getColumnTypeName(i).equals("timestamptz")
                            ? rs.getObject(i, OffsetDateTime.class) : rs.getObject(i));
                }
                assertThat(rs.next()).isFalse();
                return row;
            });
        }
    }
}
