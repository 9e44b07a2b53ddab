package io.jobfleet.documents.requirements;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.jobfleet.llm.UsageTotal;
import io.jobfleet.mapping.AppId;

/**
 * The job's {@code result}: {@code {"document_id":42,"requirements":20,"pages":6,"chunks":2,
 * "dropped":0,"usage":{...}}}.
 */
public record ExtractionResult(@JsonProperty("document_id") AppId documentId,
                               @JsonProperty("requirements") int requirements,
                               @JsonProperty("pages") int pages,
                               @JsonProperty("chunks") int chunks,
                               @JsonProperty("dropped") int dropped,
                               @JsonProperty("usage") UsageTotal usage) {
}
