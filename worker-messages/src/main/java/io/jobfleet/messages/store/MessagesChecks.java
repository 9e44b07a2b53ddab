package io.jobfleet.messages.store;

import io.jobfleet.family.FamilyCheck;
import io.jobfleet.mapping.AppMapping;
import io.jobfleet.mapping.MappedTable;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * What {@code diagnose} and {@code stats} watch in the messages tables, with the alerts the app
 * asked for: rows stuck in PROCESSING or SENDING for more than 30 minutes, more than 10 FAILED in
 * 24 hours, any UNCERTAIN outgoing message (a person must decide), any incoming message with more
 * than one reply.
 */
public final class MessagesChecks {
    static final String STUCK_AFTER = "30 minutes";
    static final long FAILED_ALERT = 10;

    private final MappedTable in;
    private final MappedTable out;

    public MessagesChecks(AppMapping mapping) {
        this.in = mapping.table(MessagesMapping.INCOMING);
        this.out = mapping.table(MessagesMapping.OUTGOING);
    }

    /** Empty when the app's messages tables are not there (the family is not in use). */
    public List<FamilyCheck> load(Jdbi jdbi) {
        return jdbi.withHandle(h -> {
            boolean present = h.createQuery("SELECT to_regclass(:t) IS NOT NULL AND to_regclass(:o) IS NOT NULL")
                    .bind("t", in.table()).bind("o", out.table()).mapTo(Boolean.class).one();
            if (!present) {
                return List.<FamilyCheck>of();
            }
            String sql = "SELECT"
                    + " (SELECT count(*) FROM " + in.table() + " WHERE " + in.statusColumn() + " = " + in.statusValue("in_processing")
                    + " AND " + changed(in) + " < now() - interval '" + STUCK_AFTER + "')"
                    + " + (SELECT count(*) FROM " + out.table() + " WHERE " + out.statusColumn() + " = "
                    + out.statusValue("out_sending") + " AND " + changed(out) + " < now() - interval '" + STUCK_AFTER + "') AS stuck,"
                    + " (SELECT count(*) FROM " + in.table() + " WHERE " + in.statusColumn() + " = " + in.statusValue("in_failed")
                    + " AND " + changed(in) + " > now() - interval '24 hours')"
                    + " + (SELECT count(*) FROM " + out.table() + " WHERE " + out.statusColumn() + " = "
                    + out.statusValue("out_failed") + " AND " + changed(out) + " > now() - interval '24 hours') AS failed,"
                    + " (SELECT count(*) FROM " + out.table() + " WHERE " + out.statusColumn() + " = "
                    + out.statusValue("out_uncertain") + ") AS uncertain,"
                    + " (SELECT count(*) FROM (SELECT 1 FROM " + out.table() + " WHERE " + out.col("in_reply_to")
                    + " IS NOT NULL GROUP BY " + out.col("in_reply_to") + " HAVING count(*) > 1) d) AS duplicates";
            return h.createQuery(sql)
                    .bind("in_processing", in.word("processing")).bind("out_sending", out.word("sending"))
                    .bind("in_failed", in.word("failed")).bind("out_failed", out.word("failed"))
                    .bind("out_uncertain", out.word("uncertain"))
                    .map((rs, ctx) -> List.of(
                            new FamilyCheck("messages", "messages_stuck", "messages PROCESSING or SENDING for over 30 min",
                                    rs.getLong("stuck"), 0, "their jobs ended without moving them on, or no worker-messages "
                                    + "runs; check `jobfleet status` of their jobs and start worker-messages"),
                            new FamilyCheck("messages", "messages_failed", "messages FAILED in the last 24 h",
                                    rs.getLong("failed"), FAILED_ALERT, "read their error column; `jobfleet diagnose` "
                                    + "lists the jobs' failures by class; once the cause is fixed, `jobfleet retry "
                                    + "--failed --queue messages` answers and sends them again (a FAILED outgoing "
                                    + "message never reached the provider)"),
                            new FamilyCheck("messages", "messages_uncertain", "outgoing messages UNCERTAIN",
                                    rs.getLong("uncertain"), 0, "a send was cut off mid-call and the provider does not "
                                    + "de-duplicate: check with the provider, then `worker-messages resolve ID --as-sent` "
                                    + "or `--resend`"),
                            new FamilyCheck("messages", "messages_duplicates", "incoming messages with more than one reply",
                                    rs.getLong("duplicates"), 0, "replies written outside message.reply; add a unique "
                                    + "index on in_reply_to")))
                    .one();
        });
    }

    /** The column that says when a row last changed: updated_at when mapped, else created_at. */
    private static String changed(MappedTable t) {
        return t.has("updated_at") ? t.col("updated_at") : t.col("created_at");
    }
}
