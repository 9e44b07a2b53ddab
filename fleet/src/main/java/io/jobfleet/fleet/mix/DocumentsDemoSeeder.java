package io.jobfleet.fleet.mix;

import io.jobfleet.db.Database;
import io.jobfleet.db.NewJob;
import io.jobfleet.text.samples.SampleDocuments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Documents with requirement extraction (generated PDFs, DOCX, text, bytes on the row), invoices
 * (one whose lines do not add up), a scanned PDF and a missing file that fail readably, and two
 * slow documents (the simulator answers them after a delay) so the worker holds jobs when the
 * demo kills it.
 */
public final class DocumentsDemoSeeder implements DemoSeeder {
    private static final String DOC = "document.extract_requirements";
    private static final String INVOICE = "invoice.process";

    @Override
    public String family() {
        return "documents";
    }

    @Override
    public List<Expectation> seed(Database db, Path files, DemoSize size) throws Exception {
        List<Expectation> x = new ArrayList<>();
        List<String> spec = SampleDocuments.requirementsSpecification();
        for (int i = 0; i < size.documents(); i++) {
            String user = "user-" + (i % 3 + 1);
            long docId;
            switch (i % 4) {
                case 0 -> docId = fileDocument(db, files, "spec-" + i + ".pdf", SampleDocuments.pdf(spec), user);
                case 1 -> docId = fileDocument(db, files, "spec-" + i + ".docx",
                        SampleDocuments.docx(spec.stream().map(List::of).toList()), user);
                case 2 -> docId = fileDocument(db, files, "notes-" + i + ".md",
                        SampleDocuments.text(String.join("\n\f\n", spec) + "\n[sim:fail-first=1]"), user);
                default -> docId = rowDocument(db, "stored-" + i + ".pdf", SampleDocuments.pdf(spec), user);
            }
            x.add(Expectation.completes(enqueue(db, DOC, docId), DOC, "requirements of document " + docId));
        }
        for (int i = 0; i < 2; i++) {
            String text = String.join("\n\f\n", spec) + "\n[sim:delay=6000]";
            long docId = fileDocument(db, files, "slow-" + i + ".txt", SampleDocuments.text(text), "user-1");
            x.add(Expectation.completes(enqueue(db, DOC, docId), DOC, "slow document " + docId));
        }
        long scanned = fileDocument(db, files, "scanned.pdf", SampleDocuments.scannedPdf(2), "user-2");
        x.add(Expectation.fails(enqueue(db, DOC, scanned), DOC, "scanned PDF (no text layer)", null));
        long missing = insertDocument(db, "gone.pdf", "file:" + files.resolve("does-not-exist.pdf"), null, "user-2");
        x.add(Expectation.fails(enqueue(db, DOC, missing), DOC, "document file missing", null));

        for (int n = 0; n < size.invoices(); n++) {
            int i = n;
            boolean wrong = i == 1;
            byte[] pdf = SampleDocuments.pdf(List.of(wrong ? SampleDocuments.invoiceTextNotAddingUp()
                    : SampleDocuments.invoiceText()));
            Path file = files.resolve("invoice-" + i + ".pdf");
            Files.write(file, pdf);
            long invoiceId = db.jdbi().withHandle(h -> h.createQuery("INSERT INTO " + DemoTables.of(db).invoices()
                    + " (user_id, file_name, location) "
                    + "VALUES (:u, :n, :l) RETURNING id").bind("u", "user-" + (i % 3 + 1))
                    .bind("n", file.getFileName().toString()).bind("l", "file:" + file).mapTo(Long.class).one());
            long job = db.queue().enqueue(NewJob.of("documents", INVOICE, "{\"invoice_id\": " + invoiceId + "}"));
            x.add(Expectation.completes(job, INVOICE, (wrong ? "invoice not adding up " : "invoice ") + invoiceId));
        }
        return x;
    }

    private static long enqueue(Database db, String kind, long documentId) {
        return db.queue().enqueue(NewJob.of("documents", kind, "{\"document_id\": " + documentId + "}")
                .withMaxAttempts(4));
    }

    private static long fileDocument(Database db, Path files, String name, byte[] bytes, String user) throws Exception {
        Path f = files.resolve(name);
        Files.write(f, bytes);
        return insertDocument(db, name, "file:" + f, null, user);
    }

    private static long rowDocument(Database db, String name, byte[] bytes, String user) {
        return insertDocument(db, name, null, bytes, user);
    }

    private static long insertDocument(Database db, String name, String location, byte[] content, String user) {
        return db.jdbi().withHandle(h -> h.createQuery("INSERT INTO " + DemoTables.of(db).documents()
                        + " (user_id, file_name, location, content, "
                        + "content_type) VALUES (:u, :n, :l, :c, :t) RETURNING id")
                .bind("u", user).bind("n", name).bind("l", location).bind("c", content)
                .bind("t", content == null ? null : "application/pdf")
                .mapTo(Long.class).one());
    }
}
