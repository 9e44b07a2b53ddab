package io.jobfleet.documents.requirements;

import io.jobfleet.llm.Structured;
import io.jobfleet.llm.Usage;

/** The model's answer for one chunk and the tokens it cost: what a checkpoint saves for a retry. */
public record ChunkAnswer(RequirementsAnswer answer, Usage usage) {
    static ChunkAnswer of(Structured<RequirementsAnswer> s) {
        return new ChunkAnswer(s.value(), s.usage());
    }
}
