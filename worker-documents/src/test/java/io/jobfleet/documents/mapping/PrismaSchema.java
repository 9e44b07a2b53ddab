package io.jobfleet.documents.mapping;

import io.jobfleet.testing.TestDatabase;

/**
 * An app schema as Prisma creates it: quoted PascalCase tables, camelCase columns, an enum status
 * type, ids made by the app (cuid text or uuid, no default), timestamp(3) columns without time
 * zone. It lives in its own schema, not the worker's --app-schema, so the worker reaches it only
 * through the mapping's qualified names.
 */
final class PrismaSchema {
    private PrismaSchema() {
    }

    /** Creates the schema with ids of {@code idType} ({@code TEXT} or {@code UUID}). */
    static void create(TestDatabase db, String schema, String idType) {
        String ddl = """
                CREATE SCHEMA "%1$s";
                CREATE TYPE "%1$s"."DocumentProcessingStatus" AS ENUM ('WAITING', 'PROCESSING', 'DONE', 'ERROR');
                CREATE TABLE "%1$s"."Document" (
                    "id" %2$s NOT NULL,
                    "userId" TEXT NOT NULL,
                    "fileName" TEXT NOT NULL,
                    "url" TEXT,
                    "data" BYTEA,
                    "mimeType" TEXT,
                    "requirementStatus" "%1$s"."DocumentProcessingStatus" NOT NULL DEFAULT 'WAITING',
                    "requirementError" TEXT,
                    "progress" JSONB,
                    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
                    "updatedAt" TIMESTAMP(3) NOT NULL,
                    CONSTRAINT "Document_pkey" PRIMARY KEY ("id"));
                CREATE TABLE "%1$s"."Requirement" (
                    "id" TEXT NOT NULL,
                    "documentId" %2$s NOT NULL,
                    "reference" TEXT NOT NULL,
                    "text" TEXT NOT NULL,
                    "category" TEXT NOT NULL,
                    "priority" TEXT NOT NULL,
                    "sourcePage" INTEGER,
                    "position" INTEGER NOT NULL,
                    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
                    CONSTRAINT "Requirement_pkey" PRIMARY KEY ("id"));
                ALTER TABLE "%1$s"."Requirement" ADD CONSTRAINT "Requirement_documentId_fkey" FOREIGN KEY ("documentId")
                    REFERENCES "%1$s"."Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;
                CREATE TABLE "%1$s"."Invoice" (
                    "id" %2$s NOT NULL,
                    "userId" TEXT NOT NULL,
                    "fileName" TEXT NOT NULL,
                    "url" TEXT,
                    "data" BYTEA,
                    "mimeType" TEXT,
                    "status" TEXT NOT NULL DEFAULT 'uploaded',
                    "vendorName" TEXT,
                    "number" TEXT,
                    "issuedOn" TIMESTAMP(3),
                    "dueOn" TIMESTAMP(3),
                    "currency" TEXT,
                    "subtotal" DECIMAL(65,30),
                    "tax" DECIMAL(65,30),
                    "total" DECIMAL(65,30),
                    "lineItems" JSONB,
                    "error" TEXT,
                    "updatedAt" TIMESTAMP(3) NOT NULL,
                    CONSTRAINT "Invoice_pkey" PRIMARY KEY ("id"));
                """.formatted(schema, idType);
        db.db().jdbi().useHandle(h -> h.execute(ddl));
    }

    /** The documents family's mapping of this schema. */
    static String mapping(String schema, String idType) {
        return """
                schema: %1$s
                tables:
                  documents:
                    table: '"Document"'
                    id: { column: id, type: %2$s }
                    columns:
                      user_id: '"userId"'
                      file_name: '"fileName"'
                      location: url
                      content: data
                      content_type: '"mimeType"'
                      requirement_processed_at: ~
                      requirement_error_message: '"requirementError"'
                      updated_at: '"updatedAt"'
                      progress: progress
                    status:
                      column: '"requirementStatus"'
                      type: '"DocumentProcessingStatus"'
                  requirements:
                    table: '"Requirement"'
                    id: { column: id, type: text, generate: uuid }
                    columns:
                      document_id: '"documentId"'
                      source_page: '"sourcePage"'
                      job_id: ~
                  invoices:
                    table: '"Invoice"'
                    id: { column: id, type: %2$s }
                    columns:
                      user_id: '"userId"'
                      file_name: '"fileName"'
                      location: url
                      content: data
                      content_type: '"mimeType"'
                      vendor: '"vendorName"'
                      invoice_number: number
                      issue_date: '"issuedOn"'
                      due_date: '"dueOn"'
                      line_items: '"lineItems"'
                      validation_warnings: ~
                      error_message: error
                      processed_at: ~
                      updated_at: '"updatedAt"'
                    status:
                      column: status
                      words: { pending: uploaded, processing: processing, completed: completed, failed: failed }
                """.formatted(schema, idType);
    }
}
