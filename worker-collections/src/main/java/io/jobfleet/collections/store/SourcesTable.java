package io.jobfleet.collections.store;

import io.jobfleet.mapping.MappedTable;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * Reads a collection's sources from the app's sources table ({@code collection_sources}); the
 * statement is rendered once from the mapping, leaving out the optional columns it switched off.
 * Stored bytes over the size limit stay in the database: their size is checked before they are read.
 */
public final class SourcesTable {
    private final MappedTable t;
    private final String select;

    public SourcesTable(MappedTable t, MappedTable collections) {
        this.t = t;
        this.select = "SELECT " + t.id() + "::text AS id, " + (t.has("position") ? t.col("position") : "0")
                + " AS position, " + t.col("kind") + " AS kind, " + t.selectAs("text") + ", " + t.selectAs("location")
                + ", " + t.boundedBytes("content", "max") + ", " + t.selectAs("file_name") + ", "
                + t.selectAs("content_type")
                + " FROM " + t.table() + " WHERE " + t.col("collection_id") + " = " + collections.idValue("id")
                + " ORDER BY " + (t.has("position") ? t.col("position") + ", " : "") + t.id();
    }

    /** The sources in order of position (then id); bytes over {@code maxBytes} are not read. */
    public List<SourceRow> list(Jdbi jdbi, String collectionId, long maxBytes) {
        return jdbi.withHandle(h -> {
            Query q = h.createQuery(select).bind("id", collectionId);
            if (t.has("content")) {
                q.bind("max", maxBytes);
            }
            return q.map((rs, ctx) -> new SourceRow(rs.getString("id"), rs.getInt("position"), rs.getString("kind"),
                            rs.getString("text"), rs.getString("location"), rs.getBytes("content"),
                            rs.getLong("content_size"), rs.getString("file_name"), rs.getString("content_type")))
                    .list();
        });
    }
}
