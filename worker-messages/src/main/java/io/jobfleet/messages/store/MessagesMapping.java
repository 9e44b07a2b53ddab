package io.jobfleet.messages.store;

import static io.jobfleet.mapping.ColumnKind.INTEGER;
import static io.jobfleet.mapping.ColumnKind.LABEL;
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
 * The app tables of the messages family (the reference schema in {@code db/app/messages} is the
 * default): what {@code --app-mapping} may rename and retype, and what {@code check} verifies.
 * States are the family's words; the app's words default to the reference schema's upper case.
 */
public final class MessagesMapping {
    public static final String INCOMING = "incoming_messages";
    public static final String OUTGOING = "outgoing_messages";

    public static final MappingSpec SPEC = new MappingSpec("messages", List.of(
            TableSpec.table(INCOMING, IdType.BIGINT)
                    .column("conversation_id", TEXT, SELECT)
                    .column("sender", LABEL, SELECT)
                    .column("body", TEXT, SELECT)
                    .status("status", words("pending", "PENDING", "processing", "PROCESSING", "replied", "REPLIED",
                            "failed", "FAILED"), SELECT, UPDATE)
                    .optional("attempts", INTEGER, UPDATE)
                    .column("error", TEXT, UPDATE)
                    .optional("processing_id", TEXT, UPDATE)
                    .optional("processed_at", TIMESTAMP, UPDATE)
                    .column("created_at", TIMESTAMP, SELECT)
                    .optional("updated_at", TIMESTAMP, UPDATE)
                    .build(),
            TableSpec.table(OUTGOING, IdType.BIGINT)
                    .column("conversation_id", TEXT, SELECT, INSERT)
                    .reference("in_reply_to", INCOMING, SELECT, INSERT)
                    .column("recipient", TEXT, SELECT, INSERT)
                    .column("body", TEXT, SELECT, INSERT)
                    .status("status", words("pending", "PENDING", "sending", "SENDING", "sent", "SENT",
                            "failed", "FAILED", "uncertain", "UNCERTAIN"), SELECT, INSERT, UPDATE)
                    .column("idempotency_key", TEXT, SELECT, INSERT)
                    .column("provider_message_id", TEXT, SELECT, UPDATE)
                    .optional("attempts", INTEGER, UPDATE)
                    .column("error", TEXT, SELECT, UPDATE)
                    .optional("processing_id", TEXT, UPDATE)
                    .optional("sent_at", TIMESTAMP, UPDATE)
                    .column("created_at", TIMESTAMP, SELECT)
                    .optional("updated_at", TIMESTAMP, UPDATE)
                    .build()));

    private MessagesMapping() {
    }
}
