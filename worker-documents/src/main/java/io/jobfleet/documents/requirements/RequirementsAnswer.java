package io.jobfleet.documents.requirements;

import java.util.List;

/** The LLM's answer for one chunk (schema {@code requirements}). */
public record RequirementsAnswer(List<Found> requirements) {
    public RequirementsAnswer {
        requirements = requirements == null ? List.of() : requirements;
    }

    /** One requirement as the model reported it; nothing here is trusted yet. */
    public record Found(String text, String category, String priority, Integer sourcePage, String reference) {
    }
}
