package io.jobfleet.documents.source;

import io.jobfleet.mapping.MappedTable;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

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
                + table.selectAs("location") + ", " + table.boundedBytes("content", "max") + ", "
                + table.selectAs("content_type") + " FROM " + table.table() + " WHERE " + table.whereId("id");
    }

    /** The row's file; its bytes only when they are at most {@code maxBytes}. */
    public Optional<StoredFile> find(Jdbi jdbi, String id, String label, long maxBytes) {
        return jdbi.withHandle(h -> {
            Query q = h.createQuery(select).bind("id", id);
            if (table.has("content")) {
                q.bind("max", maxBytes);
            }
            return q.map((rs, ctx) -> new StoredFile(label, rs.getString("user_id"), rs.getString("file_name"),
                            rs.getString("location"), rs.getBytes("content"), rs.getLong("content_size"),
                            rs.getString("content_type")))
                    .findOne();
        });
    }
}
