-- Reference schema of the app tables the messages family reads and writes (opt-in:
-- `worker-messages migrate --app-tables`), shaped as a Prisma app keeps its message queues. The
-- web app normally owns these tables (its webhook inserts incoming rows); a worker only needs the
-- columns used here. Unqualified names land in the app schema (--app-schema).

-- One message a person sent to the agent, stored by the app's webhook. status: PENDING until a
-- message.reply job takes it, PROCESSING while the reply is composed, REPLIED once its outgoing
-- message exists, FAILED with a readable error.
CREATE TABLE incoming_messages (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    conversation_id text,
    sender          text,
    body            text,
    status          text        NOT NULL DEFAULT 'PENDING'
                    CHECK (status IN ('PENDING', 'PROCESSING', 'REPLIED', 'FAILED')),
    attempts        int         NOT NULL DEFAULT 0,
    error           text,
    processing_id   text,
    processed_at    timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX incoming_messages_conversation_idx ON incoming_messages (conversation_id, created_at, id);
CREATE INDEX incoming_messages_status_idx ON incoming_messages (status, updated_at);

-- One message the agent sends, written with its message.send job in the reply's completing
-- transaction (an outbox). status: PENDING, SENDING (the provider may have it: set before the call),
-- SENT (provider_message_id holds the provider's id), FAILED (the provider refused it, or every
-- attempt failed before it was accepted) or UNCERTAIN (the outcome of a send is unknown and the
-- provider does not de-duplicate: a person decides, `worker-messages resolve`). idempotency_key is
-- fixed at creation and sent with every attempt.
CREATE TABLE outgoing_messages (
    id                  bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    conversation_id     text        NOT NULL,
    in_reply_to         bigint      UNIQUE REFERENCES incoming_messages (id) ON DELETE SET NULL,
    recipient           text        NOT NULL,
    body                text        NOT NULL,
    status              text        NOT NULL DEFAULT 'PENDING'
                        CHECK (status IN ('PENDING', 'SENDING', 'SENT', 'FAILED', 'UNCERTAIN')),
    idempotency_key     text        NOT NULL UNIQUE DEFAULT gen_random_uuid()::text,
    provider_message_id text,
    attempts            int         NOT NULL DEFAULT 0,
    error               text,
    processing_id       text,
    sent_at             timestamptz,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX outgoing_messages_conversation_idx ON outgoing_messages (conversation_id, created_at, id);
CREATE INDEX outgoing_messages_status_idx ON outgoing_messages (status, updated_at);
