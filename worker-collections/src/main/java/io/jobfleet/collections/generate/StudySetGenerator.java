package io.jobfleet.collections.generate;

import io.jobfleet.collections.ai.FlashcardsAnswer;
import io.jobfleet.collections.ai.QuizAnswer;
import io.jobfleet.collections.ai.StudyAssistant;
import io.jobfleet.llm.UsageTotal;
import io.jobfleet.collections.sources.SourceChunk;
import io.jobfleet.collections.study.Shares;
import io.jobfleet.collections.study.StudySet;
import io.jobfleet.collections.study.StudySetBuilder;
import io.jobfleet.collections.study.Targets;
import io.jobfleet.engine.JobContext;
import io.jobfleet.llm.Structured;
import java.util.List;

/**
 * Asks the model about every chunk, each for a share of the targets proportional to its size, and
 * merges the answers into one study set.
 */
final class StudySetGenerator {
    /** The merged set and the tokens it cost. */
    record Generated(StudySet set, UsageTotal usage) {
    }

    private final StudyAssistant assistant;

    StudySetGenerator(StudyAssistant assistant) {
        this.assistant = assistant;
    }

    Generated generate(List<SourceChunk> chunks, Targets targets, JobContext ctx) throws Exception {
        List<Integer> sizes = chunks.stream().map(SourceChunk::size).toList();
        List<Integer> cardShares = Shares.of(targets.flashcards(), sizes);
        List<Integer> questionShares = Shares.of(targets.questions(), sizes);
        StudySetBuilder builder = new StudySetBuilder();
        UsageTotal usage = UsageTotal.ZERO;
        for (int i = 0; i < chunks.size(); i++) {
            SourceChunk chunk = chunks.get(i);
            ctx.checkHeld();
            Structured<FlashcardsAnswer> cards = assistant.flashcards(chunk.label(), chunk.text(), cardShares.get(i),
                    ctx::onInterrupt);
            usage = usage.plus(cards.usage());
            builder.addCards(cards.value().flashcards(), chunk.sourceRef());
            ctx.checkHeld();
            Structured<QuizAnswer> quiz = assistant.quiz(chunk.label(), chunk.text(), questionShares.get(i),
                    ctx::onInterrupt);
            usage = usage.plus(quiz.usage());
            builder.addQuestions(quiz.value().questions(), chunk.sourceRef());
        }
        return new Generated(builder.build(targets), usage);
    }
}
