package io.jobfleet.documents.source;

import io.jobfleet.engine.JobException;
import io.jobfleet.engine.PermanentJobException;
import io.jobfleet.engine.RetryableJobException;
import io.jobfleet.text.DocumentException;

/**
 * Turns a {@link DocumentException} into the engine's typed failure: retryable ones (downloads
 * that may work later) go back to pending, the rest fail the job; the error class is the
 * document error code ({@code not_found}, {@code too_large}, {@code no_text_layer}, ...) and the
 * message is document-text's sentence for the end user.
 */
public final class DocumentFailures {
    private DocumentFailures() {
    }

    public static JobException toJobException(DocumentException e) {
        if (e.retryable()) {
            return new RetryableJobException(e.errorCode(), e.getMessage(), null, e);
        }
        return new PermanentJobException(e.errorCode(), e.getMessage(), e);
    }
}
