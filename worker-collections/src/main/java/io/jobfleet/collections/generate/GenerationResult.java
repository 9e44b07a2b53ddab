package io.jobfleet.collections.generate;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.jobfleet.llm.UsageTotal;
import io.jobfleet.mapping.AppId;

/**
 * The job's {@code result}: what was stored, from how much input, what was dropped and the tokens
 * spent (the collection id as the payload gave it, number or string), e.g. {@code {"collection_id":42,"flashcards":20,"questions":10,"sources":3,"chunks":4,
 * "dropped":{"invalid":1,"duplicates":2},"usage":{...}}}.
 */
public record GenerationResult(@JsonProperty("collection_id") AppId collectionId,
                               @JsonProperty("flashcards") int flashcards,
                               @JsonProperty("questions") int questions,
                               @JsonProperty("sources") int sources,
                               @JsonProperty("chunks") int chunks,
                               @JsonProperty("dropped") Dropped dropped,
                               @JsonProperty("usage") UsageTotal usage) {

    /** Items left out: invalid ones (empty sides, bad choices, two correct answers) and duplicates. */
    public record Dropped(@JsonProperty("invalid") int invalid, @JsonProperty("duplicates") int duplicates) {
    }
}
