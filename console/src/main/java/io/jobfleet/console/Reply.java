package io.jobfleet.console;

/** What a page or action answers: a status and HTML, or a redirect. */
record Reply(int status, String contentType, String body, String location) {
    static Reply html(String body) {
        return new Reply(200, "text/html; charset=utf-8", body, null);
    }

    static Reply html(int status, String body) {
        return new Reply(status, "text/html; charset=utf-8", body, null);
    }

    static Reply text(int status, String body) {
        return new Reply(status, "text/plain; charset=utf-8", body, null);
    }

    /** 303 See Other: after a POST, the browser GETs {@code location} (a path of this console). */
    static Reply redirect(String location) {
        return new Reply(303, "text/plain; charset=utf-8", "", location);
    }
}
