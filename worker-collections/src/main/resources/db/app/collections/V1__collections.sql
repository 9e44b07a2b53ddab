-- Reference schema of the app tables the collections family reads and writes (opt-in:
-- `worker-collections migrate --app-tables`). The web app normally owns these tables; a worker
-- only needs the columns used here. Unqualified names land in the app schema (--app-schema).

-- A study collection: what the user wants to learn, and the state of its generated study set.
CREATE TABLE study_collections (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id           text,
    title             text,
    status            text        NOT NULL DEFAULT 'pending'
                      CHECK (status IN ('pending', 'processing', 'ready', 'failed')),
    target_flashcards int         NOT NULL DEFAULT 20,
    target_questions  int         NOT NULL DEFAULT 10,
    flashcard_count   int,
    question_count    int,
    error_message     text,
    generated_at      timestamptz,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX study_collections_user_idx ON study_collections (user_id);

-- What a collection is learnt from: pasted text, or a document (a file: path or http(s) URL in
-- location, or the file's bytes in content). Independent of the documents family's tables.
CREATE TABLE collection_sources (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    collection_id bigint NOT NULL REFERENCES study_collections (id) ON DELETE CASCADE,
    position      int    NOT NULL DEFAULT 1,
    kind          text   NOT NULL CHECK (kind IN ('text', 'document')),
    text          text,
    location      text,
    content       bytea,
    file_name     text,
    content_type  text
);

CREATE INDEX collection_sources_collection_idx ON collection_sources (collection_id, position);

-- Generated flashcards; replaced as a whole by every successful run.
CREATE TABLE flashcards (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    collection_id bigint      NOT NULL REFERENCES study_collections (id) ON DELETE CASCADE,
    position      int         NOT NULL,
    front         text        NOT NULL,
    back          text        NOT NULL,
    source_ref    text,
    job_id        bigint,
    created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX flashcards_collection_idx ON flashcards (collection_id, position);

-- Generated multiple-choice questions; replaced as a whole by every successful run.
CREATE TABLE quiz_questions (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    collection_id bigint      NOT NULL REFERENCES study_collections (id) ON DELETE CASCADE,
    position      int         NOT NULL,
    question      text        NOT NULL,
    choices       jsonb       NOT NULL CHECK (jsonb_typeof(choices) = 'array' AND jsonb_array_length(choices) = 4),
    correct_index int         NOT NULL CHECK (correct_index BETWEEN 0 AND 3),
    explanation   text        NOT NULL,
    source_ref    text,
    job_id        bigint,
    created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX quiz_questions_collection_idx ON quiz_questions (collection_id, position);
