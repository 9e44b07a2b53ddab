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
import io.jobfleet.engine.SavedSteps;
import io.jobfleet.llm.Structured;
import io.jobfleet.llm.Usage;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the model about every chunk, each for a share of the targets proportional to its size, and
 * merges the answers into one study set. Each answer is saved as a checkpoint, so a retry asks only
 * for the answers no earlier attempt got; the progress is the chunks answered of all chunks.
 */
final class StudySetGenerator {
    /** The progress stage: chunks (of all sources) answered. */
    static final String CHUNKS = "chunks";

    /** The merged set and the tokens it cost. */
    record Generated(StudySet set, UsageTotal usage) {
    }

    /** A chunk's flashcards answer and its tokens, as a checkpoint saves it. */
    record SavedCards(FlashcardsAnswer answer, Usage usage) {
    }

    /** A chunk's quiz answer and its tokens, as a checkpoint saves it. */
    record SavedQuiz(QuizAnswer answer, Usage usage) {
    }

    private static final Logger log = LoggerFactory.getLogger(StudySetGenerator.class);

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
        SavedSteps<SavedCards> savedCards = new SavedSteps<>(ctx, SavedCards.class);
        SavedSteps<SavedQuiz> savedQuiz = new SavedSteps<>(ctx, SavedQuiz.class);
        ctx.progress(0, chunks.size(), CHUNKS);
        for (int i = 0; i < chunks.size(); i++) {
            SourceChunk chunk = chunks.get(i);
            int cardCount = cardShares.get(i);
            int questionCount = questionShares.get(i);
            ctx.checkHeld();
            SavedCards cards = savedCards.get("chunk-" + i + "-flashcards", input(chunk, cardCount), () -> {
                Structured<FlashcardsAnswer> s = assistant.flashcards(chunk.label(), chunk.text(), cardCount,
                        ctx::onInterrupt);
                return new SavedCards(s.value(), s.usage());
            });
            usage = usage.plus(cards.usage());
            builder.addCards(cards.answer().flashcards(), chunk.sourceRef());
            ctx.checkHeld();
            SavedQuiz quiz = savedQuiz.get("chunk-" + i + "-quiz", input(chunk, questionCount), () -> {
                Structured<QuizAnswer> s = assistant.quiz(chunk.label(), chunk.text(), questionCount, ctx::onInterrupt);
                return new SavedQuiz(s.value(), s.usage());
            });
            usage = usage.plus(quiz.usage());
            builder.addQuestions(quiz.answer().questions(), chunk.sourceRef());
            ctx.progress(i + 1, chunks.size(), CHUNKS);
        }
        int reused = savedCards.reused() + savedQuiz.reused();
        if (reused > 0) {
            log.info("{} of {} answers taken from an earlier attempt's checkpoints", reused, 2 * chunks.size());
        }
        return new Generated(builder.build(targets), usage);
    }

    /** What an answer depends on: a saved one is reused only for the same chunk and count. */
    private static String input(SourceChunk chunk, int count) {
        return chunk.label() + "\n" + count + "\n" + chunk.text();
    }
}
