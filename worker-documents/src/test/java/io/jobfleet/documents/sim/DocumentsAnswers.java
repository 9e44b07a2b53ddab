package io.jobfleet.documents.sim;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.llm.sim.Conversation;
import io.jobfleet.llm.sim.SimulatedAnswers;
import java.util.Set;

/** The documents family's simulated answers: {@code requirements} and {@code invoice}. */
public final class DocumentsAnswers implements SimulatedAnswers {
    @Override
    public Set<String> schemaNames() {
        return Set.of("requirements", "invoice");
    }

    @Override
    public JsonNode answer(Conversation request) {
        return "invoice".equals(request.schemaName())
                ? InvoiceGenerator.generate(request, request.schema())
                : RequirementsGenerator.generate(request);
    }
}
