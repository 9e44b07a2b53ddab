package io.jobfleet.collections.sim;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.llm.sim.Conversation;
import io.jobfleet.llm.sim.SimulatedAnswers;
import java.util.Set;

/** The collections family's simulated answers: {@code flashcards} and {@code quiz}. */
public final class CollectionsAnswers implements SimulatedAnswers {
    @Override
    public Set<String> schemaNames() {
        return Set.of("flashcards", "quiz");
    }

    @Override
    public JsonNode answer(Conversation request) {
        return "quiz".equals(request.schemaName())
                ? QuizGenerator.generate(request)
                : FlashcardsGenerator.generate(request);
    }
}
