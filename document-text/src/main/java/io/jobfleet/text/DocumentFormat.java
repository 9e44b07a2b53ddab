package io.jobfleet.text;

/** The formats this library can read. */
public enum DocumentFormat {
    /** Detected by the {@code %PDF-} header. */
    PDF,
    /** A zip holding {@code word/document.xml}. */
    DOCX,
    /** Valid UTF-8 with a {@code .txt} name or a {@code text/plain} content type. */
    TEXT,
    /** Valid UTF-8 with a {@code .md}/{@code .markdown} name or a {@code text/markdown} content type. */
    MARKDOWN
}
