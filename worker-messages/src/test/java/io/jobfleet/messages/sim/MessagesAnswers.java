package io.jobfleet.messages.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.jobfleet.llm.sim.Conversation;
import io.jobfleet.llm.sim.SimulatedAnswers;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The messages family's simulated answer (schema {@code message_reply}): a reply built from the
 * request's own messages only. It quotes the last message and names every marker word
 * ({@code #word}) found in the conversation, so a reply composed with another conversation's
 * history carries that conversation's marker and the provider simulator reports a leak.
 */
public final class MessagesAnswers implements SimulatedAnswers {
    private static final Pattern MARKER = Pattern.compile("#[A-Za-z0-9_-]+");

    @Override
    public Set<String> schemaNames() {
        return Set.of("message_reply");
    }

    @Override
    public JsonNode answer(Conversation request) {
        Set<String> markers = new LinkedHashSet<>();
        for (int i = 0; i < request.contents().size(); i++) {
            if (!"system".equals(request.roles().get(i))) {
                Matcher m = MARKER.matcher(request.contents().get(i));
                while (m.find()) {
                    markers.add(m.group());
                }
            }
        }
        String last = request.lastUser().strip();
        long earlier = request.roles().stream().filter("user"::equals).count() - 1;
        String reply = "Thanks for your message \"" + (last.length() > 120 ? last.substring(0, 120) + "..." : last)
                + "\"" + (markers.isEmpty() ? "" : " (about " + String.join(" ", markers) + ")")
                + (earlier > 0 ? "; I remember your " + earlier + " earlier message" + (earlier == 1 ? "" : "s") : "") + ".";
        return JsonNodeFactory.instance.objectNode().put("reply", reply);
    }
}
