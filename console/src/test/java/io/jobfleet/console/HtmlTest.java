package io.jobfleet.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the pages print of text a web app's users control. */
class HtmlTest {
    @Test
    void markupIsEscaped() {
        assertThat(Html.esc("<script>alert('x')</script> & \"q\"")).isEqualTo(
                "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
    }

    @Test
    void bidiControlsAndInvisibleSpacesShowTheirCodePoint() {
        assertThat(Html.esc("report\u202Efdp.exe")).isEqualTo("report[U+202E]fdp.exe");
        assertThat(Html.esc("ai\u200B")).isEqualTo("ai[U+200B]");
        assertThat(Html.esc("\uFEFFbom \u2066iso\u2069")).isEqualTo("[U+FEFF]bom [U+2066]iso[U+2069]");
    }

    @Test
    void emojiAndScriptsKeepTheirJoiners() {
        String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67";
        assertThat(Html.esc(family)).isEqualTo(family);
        assertThat(Html.esc("می\u200Cخواهم")).isEqualTo("می\u200Cخواهم");
    }

    @Test
    void aCutKeepsMaxCharactersAndNeverSplitsAPair() {
        assertThat(Html.cut("abcdef", 3)).isEqualTo("abc…");
        assertThat(Html.cut("abc", 3)).isEqualTo("abc");
        assertThat(Html.cut("ab\uD83D\uDE00c", 3)).isEqualTo("ab…");
        assertThat(Html.cut(null, 3)).isNull();
    }

    @Test
    void theOverviewScriptGetsNamesAsThePageShowsThem() {
        assertThat(Html.shown("ai")).isEqualTo(new Html.Shown("ai", null));
        assertThat(Html.shown("ai ")).isEqualTo(new Html.Shown("ai\u2420", "\"ai \""));
        assertThat(Html.shown("evil\u202Egnp.exe")).isEqualTo(new Html.Shown("evil[U+202E]gnp.exe", null));
        String long_ = "q".repeat(Html.LIST_NAME_MAX + 10);
        assertThat(Html.shown(long_).text()).hasSize(Html.LIST_NAME_MAX + 1).endsWith("\u2026");
        assertThat(Html.shown(long_).title()).isEqualTo(long_);
        assertThat(Html.shown(null)).isEqualTo(new Html.Shown("", null));
    }
}
