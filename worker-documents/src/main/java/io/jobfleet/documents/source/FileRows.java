package io.jobfleet.documents.source;

import io.jobfleet.mapping.MappedTable;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Reads the file columns of a mapped app row ({@code documents} or {@code invoices}); the
 * statement is rendered once from the mapping, leaving out the optional columns it switched off.
 */
public final class FileRows {
    private final MappedTable table;
    private final String select;

    public FileRows(MappedTable table) {
        this.table = table;
        this.select = "SELECT " + table.col("user_id") + " AS user_id, " + table.col("file_name") + " AS file_name, "
                + optional("location") + ", " + optional("content") + ", " + optional("content_type")
                + " FROM " + table.table() + " WHERE " + table.whereId("id");
    }

    private String optional(String key) {
        return (table.has(key) ? table.col(key) : "NULL") + " AS " + key;
    }

    public Optional<StoredFile> find(Jdbi jdbi, String id, String label) {
        return jdbi.withHandle(h -> h.createQuery(select)
                .bind("id", id)
                .map((rs, ctx) -> new StoredFile(label, rs.getString("user_id"), rs.getString("file_name"),
                        rs.getString("location"), rs.getBytes("content"), rs.getString("content_type")))
                .findOne());
    }
}
