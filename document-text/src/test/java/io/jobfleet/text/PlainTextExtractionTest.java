package io.jobfleet.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobfleet.text.samples.SampleDocuments;
import org.junit.jupiter.api.Test;

class PlainTextExtractionTest {
    private final TextExtractor extractor = new TextExtractor();

    @Test
    void textWithoutFormFeedsIsOnePage() throws Exception {
        ExtractedText text = extract("Line one\r\nLine two   \r\n\r\n", DocumentFormat.TEXT);

        assertThat(text.pages()).containsExactly(new Page(1, "Line one\nLine two"));
    }

    @Test
    void formFeedsSeparatePages() throws Exception {
        ExtractedText text = extract("Page one\fPage two\n\f\nPage three\f", DocumentFormat.TEXT);

        assertThat(text.pages()).containsExactly(
                new Page(1, "Page one"), new Page(2, "Page two"), new Page(3, "Page three"));
    }

    @Test
    void markdownKeepsItsMarkupAndDropsTheByteOrderMark() throws Exception {
        ExtractedText text = extract("\uFEFF# Cells\n\n- **Nucleus**: holds DNA", DocumentFormat.MARKDOWN);

        assertThat(text.pages()).containsExactly(new Page(1, "# Cells\n\n- **Nucleus**: holds DNA"));
    }

    @Test
    void emptyTextIsOneBlankPage() throws Exception {
        ExtractedText text = extract("", DocumentFormat.TEXT);

        assertThat(text.pageCount()).isEqualTo(1);
        assertThat(text.isBlank()).isTrue();
    }

    private ExtractedText extract(String text, DocumentFormat format) throws DocumentException {
        return extractor.extract(new LoadedDocument(SampleDocuments.text(text), format, "notes"));
    }
}
