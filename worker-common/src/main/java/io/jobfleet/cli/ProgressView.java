package io.jobfleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** A job's stored progress ({@code {"done", "total", "stage", "at"}}) for humans: "7 of 12 chunks (58%) at ...". */
final class ProgressView {
    private ProgressView() {
    }

    static String describe(JsonNode p) {
        long done = p.path("done").asLong();
        long total = p.path("total").asLong();
        String stage = p.path("stage").asText("");
        StringBuilder s = new StringBuilder().append(done);
        if (total > 0) {
            s.append(" of ").append(total);
        }
        if (!stage.isEmpty()) {
            s.append(' ').append(stage);
        }
        if (total > 0) {
            s.append(String.format(Locale.ROOT, " (%.0f%%)", Math.min(1.0, (double) done / total) * 100));
        }
        if (p.hasNonNull("at")) {
            s.append(" at ").append(p.get("at").asText());
        }
        return s.toString();
    }
}
