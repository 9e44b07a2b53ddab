package io.jobfleet.collections.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobfleet.engine.Payloads;
import io.jobfleet.llm.sim.Conversation;
import io.jobfleet.llm.sim.Sentences;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code flashcards}: {@code {"front","back","source"}} cards from the document. A question
 * followed by a sentence becomes a card as is; a definition ("X is Y", "X means Y") becomes
 * "What is X?" / "Y"; other sentences come last ("What does the text say about ...?"). As many
 * as the prompt asks ("8 flashcards", at most 50), else up to 10, never more than the text holds.
 */
final class FlashcardsGenerator {
    static final int DEFAULT_COUNT = 10;
    static final int MAX_COUNT = 50;
    private static final Pattern DEFINITION = Pattern.compile(
            "^(?<term>[\\p{L}\\d][^,;:?]{0,60}?)\\s+(?<verb>is|are|means|refers to|describes|denotes)\\s+(?<def>.{3,}?)[.!]?$");

    private record Card(String front, String back, String source, int rank) {
    }

    private FlashcardsGenerator() {
    }

    static JsonNode generate(Conversation conversation) {
        List<Sentences.Sentence> sentences = Sentences.split(conversation.document());
        List<Card> cards = new ArrayList<>();
        for (int i = 0; i < sentences.size(); i++) {
            String s = sentences.get(i).text();
            Matcher def = DEFINITION.matcher(s);
            if (s.endsWith("?") && i + 1 < sentences.size()) {
                String answer = sentences.get(++i).text();
                cards.add(new Card(s, answer, Sentences.shorten(s + " " + answer, 200), 0));
            } else if (def.matches()) {
                String verb = def.group("verb").equals("are") ? "are" : "is";
                cards.add(new Card("What " + verb + " " + term(def.group("term")) + "?",
                        capitalize(def.group("def")) + ".", Sentences.shorten(s, 200), 1));
            } else if (!s.endsWith("?")) {
                cards.add(new Card("What does the text say about " + topic(s) + "?", s, Sentences.shorten(s, 200), 2));
            }
        }
        List<Card> ordered = new ArrayList<>(cards);
        ordered.sort((a, b) -> Integer.compare(a.rank(), b.rank()));
        int count = conversation.requested("flashcard", DEFAULT_COUNT, MAX_COUNT);
        ObjectNode root = Payloads.mapper().createObjectNode();
        ArrayNode list = root.putArray("flashcards");
        ordered.stream().limit(count).forEach(c ->
                list.addObject().put("front", c.front()).put("back", c.back()).put("source", c.source()));
        return root;
    }

    private static String term(String term) {
        String[] words = term.split("\\s+", 2);
        boolean article = words[0].matches("(?i)the|a|an");
        return article ? words[0].toLowerCase(java.util.Locale.ROOT) + (words.length > 1 ? " " + words[1] : "") : term;
    }

    private static String topic(String sentence) {
        String[] words = sentence.replaceAll("[.!?,;:]", "").split("\\s+");
        return String.join(" ", java.util.Arrays.copyOf(words, Math.min(4, words.length)))
                .replaceFirst("^(?i)(the|a|an) ", "the ");
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
