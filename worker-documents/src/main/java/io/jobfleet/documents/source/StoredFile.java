package io.jobfleet.documents.source;

import io.jobfleet.engine.PermanentJobException;
import io.jobfleet.text.DocumentException;
import io.jobfleet.text.DocumentSource;
import java.util.Objects;

/**
 * The file columns of an app row ({@code documents} or {@code invoices}): its owner, its name, and
 * either its bytes ({@code content}) or where to find them ({@code location}).
 *
 * @param label       how the row is named to users, e.g. "Document 42"
 * @param content     the stored bytes; null when there are none or when they were too large to read
 * @param contentSize the stored bytes' size ({@code octet_length}), 0 when there are none
 */
public record StoredFile(String label, String userId, String fileName, String location, byte[] content,
                         long contentSize, String contentType) {
    public StoredFile {
        Objects.requireNonNull(label, "label");
    }

    /**
     * Where to read the bytes: the row's content when it holds any, else its location.
     *
     * @throws PermanentJobException {@code no_content} when the row has neither
     * @throws DocumentException {@code refused} when the location is not a file path or http(s) URL
     */
    public DocumentSource source() throws PermanentJobException, DocumentException {
        if (content != null || contentSize > 0) {
            if (content == null) {
                throw new IllegalStateException(label + ": stored bytes over the size limit were not read");
            }
            return new DocumentSource.StoredBytes(content, fileName, contentType);
        }
        if (location == null || location.isBlank()) {
            throw new PermanentJobException("no_content", label + " has no file: neither content nor a location is stored.");
        }
        return DocumentSource.parse(location);
    }

    /**
     * Refuses a job whose payload names another user than the row's owner; a payload without
     * {@code user_id} is not checked.
     */
    public void requireOwner(String payloadUserId) throws PermanentJobException {
        if (payloadUserId != null && !payloadUserId.equals(userId)) {
            throw new PermanentJobException("wrong_user", label + " belongs to another user.");
        }
    }

    /** Keeps the bytes out of logs. */
    @Override
    public String toString() {
        return "StoredFile[" + label + ", fileName=" + fileName + ", "
                + (contentSize > 0 ? contentSize + " bytes stored" : "location set") + "]";
    }
}
