package io.jobfleet.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobfleet.config.ConfigException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Names are validated and quoted; a mapping file overrides parts of the default and typos fail. */
class MappingFileTest {
    private static final MappingSpec SPEC = new MappingSpec("docs", List.of(
            TableSpec.table("documents", IdType.BIGINT)
                    .column("file_name", ColumnKind.TEXT, Privilege.SELECT)
                    .optional("updated_at", ColumnKind.TIMESTAMP, Privilege.UPDATE)
                    .status("status", TableSpec.words("done", "DONE"), Privilege.UPDATE)
                    .build()));
    private static final MappingSpec WITH_PROGRESS = new MappingSpec("docs", List.of(
            TableSpec.table("documents", IdType.BIGINT)
                    .column("file_name", ColumnKind.TEXT, Privilege.SELECT)
                    .optIn(ProgressColumn.KEY, ColumnKind.JSON, Privilege.UPDATE)
                    .build()));

    @Test
    void anOptInColumnIsOffUntilAMappingNamesIt() {
        assertThat(WITH_PROGRESS.defaults("public").table("documents").has("progress")).isFalse();
        assertThat(WITH_PROGRESS.defaultYaml()).contains("progress: null");
        MappedTable named = WITH_PROGRESS.fromYaml("tables: { documents: { columns: { progress: '\"jobProgress\"' } } }",
                "public").table("documents");
        assertThat(named.col("progress")).isEqualTo("\"jobProgress\"");
    }

    @Test
    void theDefaultIsTheReferenceSchemaQualifiedByTheAppSchema() {
        MappedTable t = SPEC.defaults("public").table("documents");
        assertThat(t.table()).isEqualTo("\"public\".\"documents\"");
        assertThat(t.whereId("id")).isEqualTo("\"id\" = CAST(:id AS bigint)");
        assertThat(t.statusValue("s")).isEqualTo("CAST(:s AS text)");
        assertThat(t.setNow("updated_at")).isEqualTo(", \"updated_at\" = now()");
    }

    @Test
    void aFileOverridesOnlyWhatItNames() {
        MappedTable t = SPEC.fromYaml("""
                tables:
                  documents:
                    table: app."Document"
                    id: { type: text }
                    columns: { updated_at: ~ }
                    status: { column: '"requirementStatus"', type: '"DocumentProcessingStatus"' }
                """, "public").table("documents");
        assertThat(t.table()).isEqualTo("\"app\".\"Document\"");
        assertThat(t.whereId("id")).isEqualTo("\"id\" = CAST(:id AS text)");
        assertThat(t.col("file_name")).isEqualTo("\"file_name\"");
        assertThat(t.setNow("updated_at")).isEmpty();
        assertThat(t.statusValue("s")).isEqualTo("CAST(:s AS \"app\".\"DocumentProcessingStatus\")");
        assertThat(t.word("done")).isEqualTo("DONE");
    }

    @Test
    void anythingButAnIdentifierIsRefused() {
        for (String bad : List.of("documents; DROP TABLE x", "a b", "1abc", "\"a\"\"b\"", "x--", "a.b.c")) {
            assertThatThrownBy(() -> SPEC.fromYaml("tables: { documents: { table: '" + bad.replace("'", "''")
                    + "' } }", "public")).as(bad).isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("tables.documents.table");
        }
        assertThat(Identifier.parse("Document").name()).isEqualTo("document");
        assertThat(Identifier.parse("\"Document\"").sql()).isEqualTo("\"Document\"");
    }

    @Test
    void typosAndRequiredColumnsFailWithTheirPath() {
        assertThatThrownBy(() -> SPEC.fromYaml("tables: { documents: { columns: { fileName: x } } }", "public"))
                .hasMessage("tables.documents.columns.fileName is unknown; expected one of file_name, updated_at");
        assertThatThrownBy(() -> SPEC.fromYaml("tables: { documents: { columns: { file_name: ~ } } }", "public"))
                .hasMessage("tables.documents.columns.file_name is needed and cannot be switched off");
        assertThatThrownBy(() -> SPEC.fromYaml("tables: { documents: { id: { type: serial } } }", "public"))
                .hasMessageContaining("id type 'serial' is not one of bigint, integer, uuid, text");
    }
}
