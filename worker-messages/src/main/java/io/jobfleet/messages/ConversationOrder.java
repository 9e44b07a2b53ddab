package io.jobfleet.messages;

import io.jobfleet.config.ConfigException;
import io.jobfleet.db.FlowControlSql;
import io.jobfleet.db.FlowControlSql.KeyRule;
import io.jobfleet.messages.reply.ReplyHandler;
import io.jobfleet.messages.send.SendHandler;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ordered key rules that keep a conversation's jobs one at a time and in enqueue order:
 * {@code message.reply} keyed by its payload's {@code conversation_id} (or the key the app gives),
 * {@code message.send} keyed {@code send:<conversation>} (set by the reply's outbox write), so a
 * reply never waits on a send and sends never overtake each other. A worker makes them exist at
 * start; a worker role that may not write them (deploy/sql/worker-role.sql) refuses to start until
 * an operator has set them once.
 */
public final class ConversationOrder {
    private static final Logger log = LoggerFactory.getLogger(ConversationOrder.class);
    public static final String KEY_FIELD = "conversation_id";
    public static final String SEND_KEY_PREFIX = "send:";

    private ConversationOrder() {
    }

    /** The concurrency key of a conversation's send jobs. */
    public static String sendKey(String conversationId) {
        String key = SEND_KEY_PREFIX + conversationId;
        return key.length() > 256 ? key.substring(0, 256) : key;
    }

    /** True when both ordered rules are in place. */
    public static boolean inPlace(FlowControlSql flow) {
        List<KeyRule> rules = flow.keyRules(MessagesFamily.QUEUE);
        return ordered(rules, ReplyHandler.KIND, KEY_FIELD) && ordered(rules, SendHandler.KIND, null);
    }

    private static boolean ordered(List<KeyRule> rules, String kind, String keyField) {
        return rules.stream().anyMatch(r -> kind.equals(r.kind()) && r.ordered() && r.maxPerKey() == 1
                && (keyField == null || keyField.equals(r.keyField())));
    }

    /** Sets the rules when they are missing; a role that may not explains what to run instead. */
    public static void ensure(FlowControlSql flow, String setBy) {
        if (inPlace(flow)) {
            return;
        }
        try {
            flow.setKeyRule(MessagesFamily.QUEUE, ReplyHandler.KIND, 1, true, KEY_FIELD, setBy);
            flow.setKeyRule(MessagesFamily.QUEUE, SendHandler.KIND, 1, true, null, setBy);
            log.info("set the ordered per-conversation key rules of queue {}", MessagesFamily.QUEUE);
        } catch (RuntimeException e) {
            throw new ConfigException("queue " + MessagesFamily.QUEUE + " lacks its ordered per-conversation key rules and "
                    + "this role may not set them; run once as the schema owner: `jobfleet limit set messages --kind "
                    + ReplyHandler.KIND + " --per-key 1 --ordered --key-field " + KEY_FIELD + "` and `jobfleet limit set "
                    + "messages --kind " + SendHandler.KIND + " --per-key 1 --ordered`");
        }
    }
}
