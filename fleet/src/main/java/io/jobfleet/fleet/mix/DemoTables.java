package io.jobfleet.fleet.mix;

import io.jobfleet.ai.AiMapping;
import io.jobfleet.collections.CollectionsMapping;
import io.jobfleet.db.Database;
import io.jobfleet.documents.DocumentsMapping;
import io.jobfleet.mapping.AppMapping;

/**
 * The demo's app tables, quoted and schema-qualified from each family's default mapping in the
 * configured app schema, so that no statement depends on the connection's search_path (which a
 * transaction-mode pooler does not keep).
 */
public record DemoTables(String documents, String invoices, String requirements, String collections,
                         String sources, String flashcards, String questions, String budgets, String ledger) {

    public static DemoTables of(Database db) {
        String app = db.config().appSchema();
        AppMapping d = DocumentsMapping.SPEC.defaults(app);
        AppMapping c = CollectionsMapping.SPEC.defaults(app);
        AppMapping a = AiMapping.SPEC.defaults(app);
        return new DemoTables(d.table(DocumentsMapping.DOCUMENTS).table(), d.table(DocumentsMapping.INVOICES).table(),
                d.table(DocumentsMapping.REQUIREMENTS).table(), c.table(CollectionsMapping.COLLECTIONS).table(),
                c.table(CollectionsMapping.SOURCES).table(), c.table(CollectionsMapping.FLASHCARDS).table(),
                c.table(CollectionsMapping.QUESTIONS).table(), a.table(AiMapping.BUDGETS).table(),
                a.table(AiMapping.LEDGER).table());
    }
}
