package io.jobfleet.collections.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The words of a sentence worth asking about: numbers first, then the longest non-trivial words. */
final class KeyWords {
    private static final Pattern WORD = Pattern.compile("[\\p{L}][\\p{L}\\-']{3,}|\\d+(?:[.,]\\d+)?");
    private static final Set<String> STOP = Set.of("that", "this", "with", "from", "have", "were", "which",
            "their", "there", "about", "would", "could", "should", "shall", "must", "will", "into", "than",
            "then", "they", "them", "been", "also", "when", "what", "where", "while", "other", "these", "those");

    private KeyWords() {
    }

    /** At least one word, best first. */
    static List<String> of(String sentence) {
        Set<String> words = new LinkedHashSet<>();
        Matcher m = WORD.matcher(sentence);
        while (m.find()) {
            if (!STOP.contains(m.group().toLowerCase(Locale.ROOT))) {
                words.add(m.group());
            }
        }
        List<String> ranked = new ArrayList<>(words);
        ranked.sort(Comparator.comparing((String w) -> !Character.isDigit(w.charAt(0)))
                .thenComparing(Comparator.comparingInt(String::length).reversed()));
        if (ranked.isEmpty()) {
            ranked.add(sentence.isBlank() ? "text" : sentence.strip().split("\\s+")[0]);
        }
        return ranked;
    }

    static String blank(String sentence, String word) {
        return sentence.replaceFirst("(?<![\\p{L}\\d])" + Pattern.quote(word) + "(?![\\p{L}\\d])", "_____");
    }

    /** Candidates for wrong answers: numbers near a numeric answer, else key words of the other sentences. */
    static List<String> distractors(String answer, List<List<String>> keys, int index) {
        List<String> out = new ArrayList<>();
        if (answer.matches("\\d+")) {
            long n = Long.parseLong(answer);
            for (long d : new long[] {n + 1, n * 2 + 1, Math.max(0, n - 1), n + 10}) {
                out.add(Long.toString(d));
            }
            return out;
        }
        for (int i = 1; i <= keys.size(); i++) {
            List<String> other = keys.get((index + i) % keys.size());
            other.stream().filter(w -> !Character.isDigit(w.charAt(0))).forEach(out::add);
        }
        return out;
    }
}
