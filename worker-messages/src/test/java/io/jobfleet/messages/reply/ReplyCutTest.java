package io.jobfleet.messages.reply;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A reply past the cap ends in "..." at a word, at most the cap long, with no half of an emoji. */
class ReplyCutTest {
    private static final int MAX = ReplyComposer.MAX_REPLY_CHARS;

    @Test
    void aShortReplyIsKeptAsItIs() {
        String exact = "a".repeat(MAX);
        assertThat(ReplyCut.cut(exact, MAX)).isSameAs(exact);
    }

    @Test
    void aLongReplyIsCutAtAWordWithTheEllipsisInsideTheCap() {
        String reply = "word ".repeat(400); // 2,000 characters
        for (int shift = 0; shift < 6; shift++) {
            String cut = ReplyCut.cut("x".repeat(shift) + reply, MAX);
            assertThat(cut.length()).isLessThanOrEqualTo(MAX).isGreaterThan(MAX - 10);
            assertThat(cut).endsWith("word...").doesNotContain(" ...");
        }
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        String emoji = "\uD83D\uDE00"; // one emoji, two UTF-16 units
        for (int shift = 0; shift < 2; shift++) {
            String cut = ReplyCut.cut("x".repeat(shift) + emoji.repeat(1000), MAX);
            assertThat(cut.length()).isLessThanOrEqualTo(MAX);
            String kept = cut.substring(0, cut.length() - ReplyCut.ELLIPSIS.length());
            assertThat(Character.isHighSurrogate(kept.charAt(kept.length() - 1))).as("shift %d", shift).isFalse();
            assertThat(kept.codePoints().filter(c -> Character.isSurrogate((char) c))).isEmpty();
        }
    }

    @Test
    void aReplyWithoutAWordBreakInItsSecondHalfIsCutAtTheCap() {
        String cut = ReplyCut.cut("short words then " + "y".repeat(2000), MAX);
        assertThat(cut).hasSize(MAX).endsWith("y...");
    }
}
