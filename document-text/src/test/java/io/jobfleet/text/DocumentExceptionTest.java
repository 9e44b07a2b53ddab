package io.jobfleet.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DocumentExceptionTest {

    @Test
    void onlyDownloadFailuresAreRetryable() {
        assertThat(Arrays.stream(DocumentError.values()).filter(DocumentError::retryable))
                .containsExactly(DocumentError.DOWNLOAD_FAILED);
        assertThat(new DocumentException(DocumentError.DOWNLOAD_FAILED, "x").retryable()).isTrue();
        assertThat(new DocumentException(DocumentError.NOT_FOUND, "x").retryable()).isFalse();
    }

    @Test
    void errorCodesAreSnakeCase() {
        assertThat(new DocumentException(DocumentError.NO_TEXT_LAYER, "x").errorCode()).isEqualTo("no_text_layer");
        assertThat(DocumentError.UNSUPPORTED_TYPE.errorCode()).isEqualTo("unsupported_type");
    }

    @Test
    void tooLargeMessageNamesSizeAndLimitInMegabytes() {
        long size = Math.round(31.2 * 1024 * 1024);
        assertThat(DocumentException.tooLarge(size, LoaderLimits.DEFAULT_MAX_BYTES).getMessage())
                .isEqualTo("The file is 31.2 MB; the limit is 20 MB.");
        assertThat(DocumentException.tooLargeUnknownSize(LoaderLimits.DEFAULT_MAX_BYTES).getMessage())
                .isEqualTo("The file is larger than 20 MB, the limit.");
    }

    @Test
    void sizesAreWrittenForPeople() {
        assertThat(SizeText.of(900)).isEqualTo("900 bytes");
        assertThat(SizeText.of(1536)).isEqualTo("1.5 KB");
        assertThat(SizeText.of(20L * 1024 * 1024)).isEqualTo("20 MB");
    }

    @Test
    void httpStatusesMapToCodesWithReadableMessages() {
        DocumentException notFound = HttpStatusErrors.forStatus(404, "Client Error");
        assertThat(notFound.code()).isEqualTo(DocumentError.NOT_FOUND);
        assertThat(notFound.getMessage())
                .isEqualTo("The document could not be downloaded: the server answered 404 Not Found.");
        assertThat(HttpStatusErrors.classify(410)).isEqualTo(DocumentError.NOT_FOUND);
        assertThat(HttpStatusErrors.classify(403)).isEqualTo(DocumentError.HTTP_ERROR);
        assertThat(HttpStatusErrors.classify(429)).isEqualTo(DocumentError.DOWNLOAD_FAILED);
        assertThat(HttpStatusErrors.classify(503)).isEqualTo(DocumentError.DOWNLOAD_FAILED);
        assertThat(HttpStatusErrors.forStatus(418, "I'm a teapot").getMessage()).endsWith("418 I'm a teapot.");
    }
}
