package io.jobfleet.documents.requirements;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobfleet.documents.requirements.RequirementsAnswer.Found;
import io.jobfleet.text.Chunk;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequirementSetTest {
    private static final Chunk FIRST = new Chunk(0, 1, 2, "[page 1]\n...");
    private static final Chunk SECOND = new Chunk(1, 2, 4, "[page 2]\n...");

    @Test
    void keepsOneRequirementPerReferenceFromTheEarliestPage() {
        RequirementSet set = new RequirementSet("1", 4);
        set.addAll(List.of(found("SEC-1: Data shall be encrypted.", 2, "SEC-1")), SECOND);
        set.addAll(List.of(found("SEC-1: Data shall be encrypted", 1, "SEC-1"),
                found("PERF-1: Pages shall load in 2 s.", 2, "PERF-1")), FIRST);

        List<Requirement> result = set.result();

        assertThat(result).extracting(Requirement::reference).containsExactly("SEC-1", "PERF-1");
        assertThat(result.get(0).sourcePage()).isEqualTo(1);
        assertThat(result.get(0).text()).isEqualTo("SEC-1: Data shall be encrypted");
        assertThat(result).extracting(Requirement::position).containsExactly(1, 2);
    }

    @Test
    void dropsRequirementsWithoutTextOrWithAPageOutsideTheDocument() {
        RequirementSet set = new RequirementSet("1", 4);
        set.addAll(List.of(found("  ", 1, "A"), found("Shall work.", 0, "B"), found("Shall work.", 5, "C"),
                new Found("Shall work.", "functional", "high", null, "D"), found("Must log in.", 4, "E")), SECOND);

        assertThat(set.result()).extracting(Requirement::reference).containsExactly("E");
        assertThat(set.dropped()).isEqualTo(4);
    }

    @Test
    void givesRequirementsWithoutIdentifierAStableOneFromTheirText() {
        RequirementSet set = new RequirementSet("1", 4);
        set.addAll(List.of(found("The app must  export CSV.", 1, ""), found("the app must export csv.", 3, " ")), FIRST);

        List<Requirement> result = set.result();

        assertThat(result).hasSize(1);
        assertThat(result.get(0).reference()).matches("REQ-[0-9a-f]{8}");
        assertThat(result.get(0).sourcePage()).isEqualTo(1);
        assertThat(RequirementSet.reference(found("The app must export CSV.", 2, null)))
                .isEqualTo(result.get(0).reference());
    }

    @Test
    void normalizesReferencesCategoriesAndPriorities() {
        RequirementSet set = new RequirementSet("1", 4);
        set.addAll(List.of(new Found("Must be fast.", "Non-Functional", "HIGH", 1, "NFR-1:"),
                new Found("Should be nice.", "whatever", "urgent", 2, "X-2")), FIRST);

        List<Requirement> result = set.result();

        assertThat(result.get(0).reference()).isEqualTo("NFR-1");
        assertThat(result.get(0).category()).isEqualTo("non_functional");
        assertThat(result.get(0).priority()).isEqualTo("high");
        assertThat(result.get(1).category()).isEqualTo("other");
        assertThat(result.get(1).priority()).isEqualTo("medium");
    }

    private static Found found(String text, int page, String reference) {
        return new Found(text, "security", "high", page, reference);
    }
}
