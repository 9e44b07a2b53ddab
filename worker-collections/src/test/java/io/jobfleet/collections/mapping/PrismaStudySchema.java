package io.jobfleet.collections.mapping;

import io.jobfleet.testing.TestDatabase;

/**
 * A study app's schema as Prisma creates it: quoted PascalCase tables, camelCase columns, enum
 * types for a collection's status and a source's kind, cuid text ids made by the app (no default).
 * It lives in its own schema, not the worker's --app-schema, so the worker reaches it only through
 * the mapping's qualified names.
 */
final class PrismaStudySchema {
    private PrismaStudySchema() {
    }

    static void create(TestDatabase db, String schema) {
        String ddl = """
                CREATE SCHEMA "%1$s";
                CREATE TYPE "%1$s"."CollectionStatus" AS ENUM ('DRAFT', 'GENERATING', 'READY', 'FAILED');
                CREATE TYPE "%1$s"."SourceType" AS ENUM ('TEXT', 'DOCUMENT');
                CREATE TABLE "%1$s"."Collection" (
                    "id" TEXT NOT NULL,
                    "ownerId" TEXT NOT NULL,
                    "name" TEXT NOT NULL,
                    "status" "%1$s"."CollectionStatus" NOT NULL DEFAULT 'DRAFT',
                    "cardTarget" INTEGER,
                    "quizTarget" INTEGER,
                    "cardCount" INTEGER,
                    "quizCount" INTEGER,
                    "failureReason" TEXT,
                    "generationProgress" JSONB,
                    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
                    "updatedAt" TIMESTAMP(3) NOT NULL,
                    CONSTRAINT "Collection_pkey" PRIMARY KEY ("id"));
                CREATE TABLE "%1$s"."Source" (
                    "id" TEXT NOT NULL,
                    "collectionId" TEXT NOT NULL,
                    "order" INTEGER NOT NULL DEFAULT 0,
                    "type" "%1$s"."SourceType" NOT NULL,
                    "body" TEXT,
                    "url" TEXT,
                    "data" BYTEA,
                    "fileName" TEXT,
                    "mimeType" TEXT,
                    CONSTRAINT "Source_pkey" PRIMARY KEY ("id"));
                ALTER TABLE "%1$s"."Source" ADD CONSTRAINT "Source_collectionId_fkey" FOREIGN KEY ("collectionId")
                    REFERENCES "%1$s"."Collection"("id") ON DELETE CASCADE ON UPDATE CASCADE;
                CREATE TABLE "%1$s"."Flashcard" (
                    "id" TEXT NOT NULL,
                    "collectionId" TEXT NOT NULL,
                    "position" INTEGER NOT NULL,
                    "front" TEXT NOT NULL,
                    "back" TEXT NOT NULL,
                    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
                    CONSTRAINT "Flashcard_pkey" PRIMARY KEY ("id"));
                ALTER TABLE "%1$s"."Flashcard" ADD CONSTRAINT "Flashcard_collectionId_fkey" FOREIGN KEY ("collectionId")
                    REFERENCES "%1$s"."Collection"("id") ON DELETE CASCADE ON UPDATE CASCADE;
                CREATE TABLE "%1$s"."QuizQuestion" (
                    "id" TEXT NOT NULL,
                    "collectionId" TEXT NOT NULL,
                    "position" INTEGER NOT NULL,
                    "prompt" TEXT NOT NULL,
                    "choices" JSONB NOT NULL,
                    "answerIndex" INTEGER NOT NULL,
                    "explanation" TEXT NOT NULL,
                    "sourceRef" TEXT,
                    CONSTRAINT "QuizQuestion_pkey" PRIMARY KEY ("id"));
                ALTER TABLE "%1$s"."QuizQuestion" ADD CONSTRAINT "QuizQuestion_collectionId_fkey"
                    FOREIGN KEY ("collectionId") REFERENCES "%1$s"."Collection"("id") ON DELETE CASCADE ON UPDATE CASCADE;
                """.formatted(schema);
        db.db().jdbi().useHandle(h -> h.execute(ddl));
    }

    /** The collections family's mapping of this schema. */
    static String mapping(String schema) {
        return """
                schema: %1$s
                tables:
                  study_collections:
                    table: '"Collection"'
                    id: { column: id, type: text }
                    columns:
                      user_id: '"ownerId"'
                      target_flashcards: '"cardTarget"'
                      target_questions: '"quizTarget"'
                      flashcard_count: '"cardCount"'
                      question_count: '"quizCount"'
                      error_message: '"failureReason"'
                      generated_at: ~
                      updated_at: '"updatedAt"'
                      progress: '"generationProgress"'
                    status:
                      column: status
                      type: '"CollectionStatus"'
                      words: { pending: DRAFT, processing: GENERATING, ready: READY, failed: FAILED }
                  collection_sources:
                    table: '"Source"'
                    id: { column: id, type: text }
                    columns:
                      collection_id: '"collectionId"'
                      position: '"order"'
                      kind: type
                      text: body
                      location: url
                      content: data
                      file_name: '"fileName"'
                      content_type: '"mimeType"'
                  flashcards:
                    table: '"Flashcard"'
                    id: { column: id, type: text, generate: uuid }
                    columns:
                      collection_id: '"collectionId"'
                      source_ref: ~
                      job_id: ~
                  quiz_questions:
                    table: '"QuizQuestion"'
                    id: { column: id, type: text, generate: uuid }
                    columns:
                      collection_id: '"collectionId"'
                      question: prompt
                      correct_index: '"answerIndex"'
                      source_ref: '"sourceRef"'
                      job_id: ~
                """.formatted(schema);
    }
}
