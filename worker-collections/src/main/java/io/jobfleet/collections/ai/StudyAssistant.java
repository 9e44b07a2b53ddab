package io.jobfleet.collections.ai;

import io.jobfleet.engine.JobException;
import io.jobfleet.llm.Cancellation;
import io.jobfleet.llm.ChatRequest;
import io.jobfleet.llm.LlmClient;
import io.jobfleet.llm.LlmException;
import io.jobfleet.llm.ResponseSchema;
import io.jobfleet.llm.Structured;

/**
 * Asks the model for flashcards (schema {@code flashcards}) and quiz questions (schema
 * {@code quiz}) about one chunk of source text. LLM failures come out as the engine's typed job
 * failures (retryable or permanent) with a message for the user.
 */
public final class StudyAssistant {
    static final ResponseSchema FLASHCARDS = ResponseSchema.fromResource("flashcards", StudyAssistant.class,
            "flashcards.schema.json");
    static final ResponseSchema QUIZ = ResponseSchema.fromResource("quiz", StudyAssistant.class, "quiz.schema.json");

    private final LlmClient llm;

    public StudyAssistant(LlmClient llm) {
        this.llm = llm;
    }

    public Structured<FlashcardsAnswer> flashcards(String sourceLabel, String text, int count,
                                                   Cancellation cancellation) throws JobException {
        return ask(StudyPrompts.flashcards(sourceLabel, text, count), FLASHCARDS, FlashcardsAnswer.class, cancellation);
    }

    public Structured<QuizAnswer> quiz(String sourceLabel, String text, int count, Cancellation cancellation)
            throws JobException {
        return ask(StudyPrompts.quiz(sourceLabel, text, count), QUIZ, QuizAnswer.class, cancellation);
    }

    private <T> Structured<T> ask(ChatRequest request, ResponseSchema schema, Class<T> type,
                                  Cancellation cancellation) throws JobException {
        try {
            return llm.chatStructured(request, schema, type, cancellation);
        } catch (LlmException e) {
            throw e.toJobException();
        }
    }
}
