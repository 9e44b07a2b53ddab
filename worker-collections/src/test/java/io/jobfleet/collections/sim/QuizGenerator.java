package io.jobfleet.collections.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobfleet.engine.Payloads;
import io.jobfleet.llm.sim.Conversation;
import io.jobfleet.llm.sim.Hashes;
import io.jobfleet.llm.sim.Sentences;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code quiz}: fill-in-the-blank questions from the document's sentences, each with 4 distinct
 * choices of which exactly one is correct (at a position derived from the question), and an
 * explanation quoting the sentence. As many as the prompt asks ("3 questions", at most 20), else 5.
 * With {@code [sim:two_correct]} the first question repeats its correct choice, which a family's
 * validation must reject.
 */
final class QuizGenerator {
    static final int DEFAULT_COUNT = 5;
    static final int MAX_COUNT = 20;
    private static final String FALLBACK_TEXT = "The simulator received no text to ask about.";
    private static final List<String> FILLERS = List.of("none of these", "all of these", "not stated in the text",
            "something else");

    private QuizGenerator() {
    }

    static JsonNode generate(Conversation conversation) {
        List<String> sentences = new ArrayList<>();
        Sentences.split(conversation.document()).forEach(s -> sentences.add(s.text()));
        if (sentences.isEmpty()) {
            sentences.add(FALLBACK_TEXT);
        }
        List<List<String>> keys = new ArrayList<>();
        sentences.forEach(s -> keys.add(KeyWords.of(s)));
        int count = conversation.requested("question", DEFAULT_COUNT, MAX_COUNT);
        ObjectNode root = Payloads.mapper().createObjectNode();
        ArrayNode questions = root.putArray("questions");
        for (int q = 0; q < count; q++) {
            int index = q % sentences.size();
            List<String> words = keys.get(index);
            String answer = words.get((q / sentences.size()) % words.size());
            String sentence = sentences.get(index);
            String question = "Fill in the blank: " + KeyWords.blank(sentence, answer);
            List<String> choices = choices(answer, keys, index, question);
            int correct = choices.indexOf(answer);
            if (q == 0 && conversation.markers().twoCorrect()) {
                choices.set((correct + 1) % 4, answer);
            }
            ObjectNode item = questions.addObject();
            item.put("question", question);
            choices.forEach(item.putArray("choices")::add);
            item.put("correct_index", correct);
            item.put("explanation", "The text says: " + Sentences.shorten(sentence, 300));
        }
        return root;
    }

    /** The answer and three distinct distractors, the answer at a position derived from the question. */
    private static List<String> choices(String answer, List<List<String>> keys, int index, String question) {
        Set<String> taken = new LinkedHashSet<>();
        taken.add(answer.toLowerCase(Locale.ROOT));
        List<String> distractors = new ArrayList<>();
        for (String candidate : KeyWords.distractors(answer, keys, index)) {
            if (distractors.size() < 3 && taken.add(candidate.toLowerCase(Locale.ROOT))) {
                distractors.add(candidate);
            }
        }
        for (String filler : FILLERS) {
            if (distractors.size() < 3 && taken.add(filler)) {
                distractors.add(filler);
            }
        }
        List<String> choices = new ArrayList<>(distractors);
        choices.add(Hashes.pick(question, 4), answer);
        return choices;
    }
}
