package io.jobfleet.text;

import java.util.Map;

/** Turns an HTTP error status into a {@link DocumentException} with a message people can read. */
final class HttpStatusErrors {
    /** Reason phrases, since HTTP/2 sends none and servers sometimes send odd ones. */
    private static final Map<Integer, String> REASONS = Map.ofEntries(
            Map.entry(400, "Bad Request"),
            Map.entry(401, "Unauthorized"),
            Map.entry(403, "Forbidden"),
            Map.entry(404, "Not Found"),
            Map.entry(405, "Method Not Allowed"),
            Map.entry(406, "Not Acceptable"),
            Map.entry(408, "Request Timeout"),
            Map.entry(410, "Gone"),
            Map.entry(429, "Too Many Requests"),
            Map.entry(451, "Unavailable For Legal Reasons"),
            Map.entry(500, "Internal Server Error"),
            Map.entry(501, "Not Implemented"),
            Map.entry(502, "Bad Gateway"),
            Map.entry(503, "Service Unavailable"),
            Map.entry(504, "Gateway Timeout"));

    private HttpStatusErrors() {
    }

    static DocumentException forStatus(int code, String serverReason) {
        String message = "The document could not be downloaded: the server answered "
                + code + reason(code, serverReason) + ".";
        return new DocumentException(classify(code), message);
    }

    static DocumentError classify(int code) {
        if (code == 404 || code == 410) {
            return DocumentError.NOT_FOUND;
        }
        if (code >= 500 || code == 408 || code == 429) {
            return DocumentError.DOWNLOAD_FAILED;
        }
        return DocumentError.HTTP_ERROR;
    }

    private static String reason(int code, String serverReason) {
        String known = REASONS.get(code);
        if (known != null) {
            return " " + known;
        }
        return serverReason == null || serverReason.isBlank() ? "" : " " + serverReason.strip();
    }
}
