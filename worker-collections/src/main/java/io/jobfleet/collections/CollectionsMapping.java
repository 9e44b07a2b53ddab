package io.jobfleet.collections;

import static io.jobfleet.mapping.ColumnKind.BYTES;
import static io.jobfleet.mapping.ColumnKind.INTEGER;
import static io.jobfleet.mapping.ColumnKind.JSON;
import static io.jobfleet.mapping.ColumnKind.LABEL;
import static io.jobfleet.mapping.ColumnKind.TEXT;
import static io.jobfleet.mapping.ColumnKind.TIMESTAMP;
import static io.jobfleet.mapping.Privilege.INSERT;
import static io.jobfleet.mapping.Privilege.SELECT;
import static io.jobfleet.mapping.Privilege.UPDATE;
import static io.jobfleet.mapping.TableSpec.words;

import io.jobfleet.mapping.IdType;
import io.jobfleet.mapping.MappingSpec;
import io.jobfleet.mapping.ProgressColumn;
import io.jobfleet.mapping.TableSpec;
import java.util.List;

/**
 * The app tables of the collections family as collection.generate uses them (the reference schema
 * in {@code db/app/collections} is the default): what {@code --app-mapping} may rename and retype,
 * and what {@code check} verifies.
 */
public final class CollectionsMapping {
    public static final String COLLECTIONS = "study_collections";
    public static final String SOURCES = "collection_sources";
    public static final String FLASHCARDS = "flashcards";
    public static final String QUESTIONS = "quiz_questions";

    public static final MappingSpec SPEC = new MappingSpec("collections", List.of(
            TableSpec.table(COLLECTIONS, IdType.BIGINT)
                    .column("user_id", TEXT, SELECT)
                    .status("status", words("pending", "pending", "processing", "processing", "ready", "ready",
                            "failed", "failed"), UPDATE)
                    .optional("target_flashcards", INTEGER, SELECT)
                    .optional("target_questions", INTEGER, SELECT)
                    .optional("flashcard_count", INTEGER, UPDATE)
                    .optional("question_count", INTEGER, UPDATE)
                    .column("error_message", TEXT, UPDATE)
                    .optional("generated_at", TIMESTAMP, UPDATE)
                    .optional("updated_at", TIMESTAMP, UPDATE)
                    .optIn(ProgressColumn.KEY, JSON, UPDATE)
                    .build(),
            TableSpec.table(SOURCES, IdType.BIGINT)
                    .reference("collection_id", COLLECTIONS, SELECT)
                    .optional("position", INTEGER, SELECT)
                    .column("kind", LABEL, SELECT)
                    .optional("text", TEXT, SELECT)
                    .optional("location", TEXT, SELECT)
                    .optional("content", BYTES, SELECT)
                    .optional("file_name", TEXT, SELECT)
                    .optional("content_type", TEXT, SELECT)
                    .build(),
            TableSpec.table(FLASHCARDS, IdType.BIGINT)
                    .reference("collection_id", COLLECTIONS, SELECT, INSERT)
                    .column("position", INTEGER, INSERT)
                    .column("front", TEXT, INSERT)
                    .column("back", TEXT, INSERT)
                    .optional("source_ref", TEXT, INSERT)
                    .optional("job_id", INTEGER, INSERT)
                    .deletes()
                    .build(),
            TableSpec.table(QUESTIONS, IdType.BIGINT)
                    .reference("collection_id", COLLECTIONS, SELECT, INSERT)
                    .column("position", INTEGER, INSERT)
                    .column("question", TEXT, INSERT)
                    .column("choices", JSON, INSERT)
                    .column("correct_index", INTEGER, INSERT)
                    .column("explanation", TEXT, INSERT)
                    .optional("source_ref", TEXT, INSERT)
                    .optional("job_id", INTEGER, INSERT)
                    .deletes()
                    .build()));

    private CollectionsMapping() {
    }
}
