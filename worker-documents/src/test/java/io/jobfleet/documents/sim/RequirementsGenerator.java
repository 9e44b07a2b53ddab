package io.jobfleet.documents.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobfleet.engine.Payloads;
import io.jobfleet.llm.sim.Conversation;
import io.jobfleet.llm.sim.Hashes;
import io.jobfleet.llm.sim.Sentences;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code requirements}: every sentence with shall, must, should, required or "needs to" becomes
 * {@code {"text","category","priority","source_page","reference"}}. The category comes from
 * keywords, the priority from the modal verb (must/shall high, should medium, else low), the page
 * from the nearest {@code [page N]} line above, the reference is {@code REQ-} and 8 hex digits of
 * the SHA-256 of the normalized text.
 */
final class RequirementsGenerator {
    private static final Pattern REQUIREMENT = Pattern.compile("(?i)\\b(shall|must|should|required|needs to)\\b");
    private static final Pattern MUST = Pattern.compile("(?i)\\b(must|shall)\\b");
    private static final Pattern SHOULD = Pattern.compile("(?i)\\bshould\\b");
    private static final Pattern SECURITY = Pattern.compile(
            "(?i)secur|encrypt|auth|password|credential|access control|permission|tls|ssl|confidential|2fa|mfa");
    private static final Pattern PERFORMANCE = Pattern.compile(
            "(?i)\\bfast|latency|performance|throughput|response time|within \\d+\\s*(ms|milliseconds?|seconds?|s|minutes?)\\b"
                    + "|concurrent|per second|scalab");
    private static final Pattern COMPLIANCE = Pattern.compile(
            "(?i)gdpr|complian|audit|regulat|hipaa|\\biso ?\\d+|\\bsox\\b|legal|retention|privacy law");
    private static final Pattern NON_FUNCTIONAL = Pattern.compile(
            "(?i)availab|uptime|reliab|usab|accessib|maintainab|portab|backup|recover|logging|monitor");
    private static final Pattern FUNCTIONAL = Pattern.compile(
            "(?i)\\b(system|application|app|user|users|service|platform|allow|provide|support|display|generate|send"
                    + "|store|enable|create|export|import|notify)\\b");

    private RequirementsGenerator() {
    }

    static JsonNode generate(Conversation conversation) {
        ObjectNode root = Payloads.mapper().createObjectNode();
        ArrayNode list = root.putArray("requirements");
        Set<String> seen = new HashSet<>();
        for (Sentences.Sentence s : Sentences.split(conversation.document())) {
            if (!REQUIREMENT.matcher(s.text()).find()) {
                continue;
            }
            String reference = reference(s.text());
            if (seen.add(reference)) {
                list.addObject()
                        .put("text", s.text())
                        .put("category", category(s.text()))
                        .put("priority", priority(s.text()))
                        .put("source_page", s.page())
                        .put("reference", reference);
            }
        }
        return root;
    }

    static String reference(String text) {
        String normalized = text.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
        return "REQ-" + Hashes.sha256Hex(normalized).substring(0, 8);
    }

    static String category(String text) {
        if (SECURITY.matcher(text).find()) {
            return "security";
        }
        if (PERFORMANCE.matcher(text).find()) {
            return "performance";
        }
        if (COMPLIANCE.matcher(text).find()) {
            return "compliance";
        }
        if (NON_FUNCTIONAL.matcher(text).find()) {
            return "non_functional";
        }
        return FUNCTIONAL.matcher(text).find() ? "functional" : "other";
    }

    static String priority(String text) {
        if (MUST.matcher(text).find()) {
            return "high";
        }
        return SHOULD.matcher(text).find() ? "medium" : "low";
    }
}
