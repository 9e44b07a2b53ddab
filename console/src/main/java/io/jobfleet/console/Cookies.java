package io.jobfleet.console;

import com.sun.net.httpserver.HttpExchange;
import java.util.List;

/**
 * The console's cookies: read from a request, and written {@code HttpOnly} and
 * {@code SameSite=Strict} always, {@code Secure} behind TLS: with {@code --secure-cookies}, or per
 * request when a proxy in {@code --trusted-proxies} says {@code X-Forwarded-Proto: https}.
 */
final class Cookies {
    private final ConsoleConfig config;
    private final TrustedProxies proxies;

    Cookies(ConsoleConfig config, TrustedProxies proxies) {
        this.config = config;
        this.proxies = proxies;
    }

    /**
     * The value of the request's cookie {@code name}, without the double quotes a value may be sent
     * in (RFC 6265; the JDK's cookie manager quotes a cookie that had a Max-Age); null when it sent none.
     */
    static String read(HttpExchange ex, String name) {
        for (String header : ex.getRequestHeaders().getOrDefault("Cookie", List.of())) {
            for (String part : header.split(";")) {
                String p = part.strip();
                if (p.startsWith(name + "=")) {
                    String v = p.substring(name.length() + 1);
                    return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
                }
            }
        }
        return null;
    }

    /** Adds the Set-Cookie header; {@code maxAge} in seconds, 0 deletes the cookie, negative: until the browser closes. */
    void set(HttpExchange ex, String name, String value, String path, int maxAge) {
        StringBuilder c = new StringBuilder(name).append('=').append(value)
                .append("; Path=").append(path).append("; HttpOnly; SameSite=Strict");
        if (maxAge >= 0) {
            c.append("; Max-Age=").append(maxAge);
        }
        if (secure(ex)) {
            c.append("; Secure");
        }
        ex.getResponseHeaders().add("Set-Cookie", c.toString());
    }

    private boolean secure(HttpExchange ex) {
        if (config.secureCookies()) {
            return true;
        }
        return proxies.forwardedHttps(ex);
    }
}
