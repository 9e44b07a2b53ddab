package io.jobfleet.collections;

import static io.jobfleet.mapping.ColumnKind.INTEGER;
import static io.jobfleet.mapping.ColumnKind.JSON;
import static io.jobfleet.mapping.ColumnKind.BYTES;
import static io.jobfleet.mapping.ColumnKind.TEXT;
import static io.jobfleet.mapping.ColumnKind.TIMESTAMP;
import static io.jobfleet.mapping.Privilege.INSERT;
import static io.jobfleet.mapping.Privilege.SELECT;
import static io.jobfleet.mapping.Privilege.UPDATE;
import static io.jobfleet.mapping.TableSpec.words;

import io.jobfleet.mapping.IdType;
import io.jobfleet.mapping.MappingSpec;
import io.jobfleet.mapping.TableSpec;
import java.util.List;

/**
 * The app tables collection.generate reads and writes (the reference schema in
 * {@code db/app/collections}), checked before the first claim. Not remappable yet: the store
 * package's statements still use the reference names.
 */
public final class CollectionsMapping {
    public static final MappingSpec SPEC = MappingSpec.fixed("collections", List.of(
            TableSpec.table("study_collections", IdType.BIGINT)
                    .column("user_id", TEXT, SELECT)
                    .column("title", TEXT, SELECT)
                    .status("status", words("pending", "pending", "processing", "processing", "ready", "ready",
                            "failed", "failed"), SELECT, UPDATE)
                    .column("target_flashcards", INTEGER, SELECT)
                    .column("target_questions", INTEGER, SELECT)
                    .column("flashcard_count", INTEGER, UPDATE)
                    .column("question_count", INTEGER, UPDATE)
                    .column("error_message", TEXT, UPDATE)
                    .column("generated_at", TIMESTAMP, UPDATE)
                    .column("updated_at", TIMESTAMP, UPDATE)
                    .build(),
            TableSpec.table("collection_sources", IdType.BIGINT)
                    .reference("collection_id", "study_collections", SELECT)
                    .column("position", INTEGER, SELECT)
                    .column("kind", TEXT, SELECT)
                    .column("text", TEXT, SELECT)
                    .column("location", TEXT, SELECT)
                    .column("content", BYTES, SELECT)
                    .column("file_name", TEXT, SELECT)
                    .column("content_type", TEXT, SELECT)
                    .build(),
            TableSpec.table("flashcards", IdType.BIGINT)
                    .reference("collection_id", "study_collections", SELECT, INSERT)
                    .column("position", INTEGER, INSERT)
                    .column("front", TEXT, INSERT)
                    .column("back", TEXT, INSERT)
                    .column("source_ref", TEXT, INSERT)
                    .column("job_id", INTEGER, INSERT)
                    .deletes()
                    .build(),
            TableSpec.table("quiz_questions", IdType.BIGINT)
                    .reference("collection_id", "study_collections", SELECT, INSERT)
                    .column("position", INTEGER, INSERT)
                    .column("question", TEXT, INSERT)
                    .column("choices", JSON, INSERT)
                    .column("correct_index", INTEGER, INSERT)
                    .column("explanation", TEXT, INSERT)
                    .column("source_ref", TEXT, INSERT)
                    .column("job_id", INTEGER, INSERT)
                    .deletes()
                    .build()));

    private CollectionsMapping() {
    }
}
