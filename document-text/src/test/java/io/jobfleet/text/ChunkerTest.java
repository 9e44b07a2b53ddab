package io.jobfleet.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ChunkerTest {
    private static final Pattern MARKER = Pattern.compile("^\\[page (\\d+)]$", Pattern.MULTILINE);

    @Test
    void smallDocumentIsOneChunkWithAMarkerPerPage() {
        ExtractedText text = pages("Alpha text.", "Beta text.", "Gamma text.");

        List<Chunk> chunks = new Chunker().chunk(text);

        assertThat(chunks).containsExactly(new Chunk(0, 1, 3,
                "[page 1]\nAlpha text.\n\n[page 2]\nBeta text.\n\n[page 3]\nGamma text."));
    }

    @Test
    void packsWholePagesWithinTheBudgetAndKeepsRangesConsistent() {
        List<String> texts = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            texts.add(("Sentence on page " + i + ". ").repeat(8).strip());
        }
        ExtractedText text = pages(texts.toArray(String[]::new));

        List<Chunk> chunks = new Chunker(600).chunk(text);

        assertThat(chunks).hasSizeGreaterThan(1);
        int expectedFirst = 1;
        for (int i = 0; i < chunks.size(); i++) {
            Chunk chunk = chunks.get(i);
            assertThat(chunk.index()).isEqualTo(i);
            assertThat(chunk.text().length()).isLessThanOrEqualTo(600);
            assertThat(chunk.firstPage()).isEqualTo(expectedFirst);
            assertThat(markers(chunk)).isEqualTo(range(chunk.firstPage(), chunk.lastPage()));
            assertThat(chunk.text()).startsWith("[page " + chunk.firstPage() + "]\n");
            expectedFirst = chunk.lastPage() + 1;
        }
        assertThat(expectedFirst).isEqualTo(13);
        assertThat(String.join("\n\n", chunks.stream().map(Chunk::text).toList()))
                .isEqualTo(new Chunker(100_000).chunk(text).get(0).text());
    }

    @Test
    void splitsALongPageAtSentencesAndRepeatsItsMarker() {
        String sentence = "The system shall log every failed login attempt with a timestamp. ";
        String longPage = sentence.repeat(40).strip();
        ExtractedText text = pages("Short first page.", longPage, "Short last page.");

        List<Chunk> chunks = new Chunker(1_000).chunk(text);

        List<Chunk> fromPageTwo = chunks.stream().filter(c -> c.firstPage() <= 2 && c.lastPage() >= 2).toList();
        assertThat(fromPageTwo).hasSizeGreaterThan(2);
        StringBuilder rebuilt = new StringBuilder();
        for (Chunk chunk : chunks) {
            assertThat(chunk.text().length()).isLessThanOrEqualTo(1_000);
            for (String part : chunk.text().split("\n\n")) {
                if (part.startsWith("[page 2]\n")) {
                    String piece = part.substring("[page 2]\n".length());
                    assertThat(piece).startsWith("The system").endsWith("timestamp.");
                    rebuilt.append(piece).append(' ');
                }
            }
        }
        assertThat(rebuilt.toString().strip()).isEqualTo(longPage);
        assertThat(chunks.get(0)).extracting(Chunk::firstPage, Chunk::lastPage).containsExactly(1, 1);
        assertThat(chunks.get(chunks.size() - 1).lastPage()).isEqualTo(3);
    }

    @Test
    void prefersParagraphBoundariesWhenSplitting() {
        String paragraph = "word ".repeat(50).strip();
        String page = String.join("\n\n", paragraph, paragraph, paragraph, paragraph);

        List<String> pieces = PageSplitter.split(page, 600);

        assertThat(pieces).containsExactly(paragraph + "\n\n" + paragraph, paragraph + "\n\n" + paragraph);
    }

    @Test
    void cutsTextWithoutBoundariesHard() {
        List<String> pieces = PageSplitter.split("x".repeat(1_000), 300);

        assertThat(pieces).extracting(String::length).containsExactly(300, 300, 300, 100);
    }

    @Test
    void skipsBlankPagesAndReturnsNothingForABlankDocument() {
        List<Chunk> chunks = new Chunker().chunk(pages("One", "  \n ", "Three"));

        assertThat(chunks).hasSize(1);
        assertThat(chunks.get(0).text()).isEqualTo("[page 1]\nOne\n\n[page 3]\nThree");
        assertThat(new Chunker().chunk(pages("", " "))).isEmpty();
    }

    @Test
    void refusesBudgetsTooSmallForAMarkerAndText() {
        assertThatThrownBy(() -> new Chunker(50)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least " + Chunker.MIN_MAX_CHARS);
    }

    private static ExtractedText pages(String... texts) {
        List<Page> pages = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            pages.add(new Page(i + 1, texts[i]));
        }
        return new ExtractedText(pages);
    }

    private static List<Integer> markers(Chunk chunk) {
        List<Integer> numbers = new ArrayList<>();
        Matcher matcher = MARKER.matcher(chunk.text());
        while (matcher.find()) {
            numbers.add(Integer.parseInt(matcher.group(1)));
        }
        return numbers;
    }

    private static List<Integer> range(int first, int last) {
        List<Integer> numbers = new ArrayList<>();
        for (int i = first; i <= last; i++) {
            numbers.add(i);
        }
        return numbers;
    }
}
