package io.jobfleet.console;

import com.sun.net.httpserver.HttpExchange;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The reverse proxies of {@code --trusted-proxies}: the headers a proxy adds ({@code
 * X-Forwarded-Proto}, {@code X-Forwarded-For}) are read only on a connection from one of them;
 * from anyone else they are the client's own words and count for nothing.
 */
final class TrustedProxies {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private final Set<String> addresses;

    TrustedProxies(Set<String> addresses) {
        this.addresses = Set.copyOf(addresses);
    }

    /** Whether a trusted proxy says the client reached it over TLS ({@code X-Forwarded-Proto: https}). */
    boolean forwardedHttps(HttpExchange ex) {
        return fromProxy(ex) && "https".equalsIgnoreCase(ex.getRequestHeaders().getFirst("X-Forwarded-Proto"));
    }

    /**
     * The client's address: the connection's, or behind a trusted proxy the last address of
     * {@code X-Forwarded-For} that is not one of the proxies (the ones before it are the client's
     * to write). Without the header, or with nothing readable in it, the proxy's.
     */
    InetAddress client(HttpExchange ex) {
        InetAddress peer = ex.getRemoteAddress().getAddress();
        if (fromProxy(ex)) {
            List<String> hops = new ArrayList<>();
            for (String header : ex.getRequestHeaders().getOrDefault("X-Forwarded-For", List.of())) {
                for (String hop : header.split(",")) {
                    hops.add(hop.strip());
                }
            }
            for (int i = hops.size() - 1; i >= 0; i--) {
                if (!addresses.contains(hops.get(i))) {
                    return literal(hops.get(i)).orElse(peer);
                }
            }
        }
        return peer;
    }

    private boolean fromProxy(HttpExchange ex) {
        return addresses.contains(ex.getRemoteAddress().getAddress().getHostAddress());
    }

    /** An IPv4 or IPv6 address written out, never a name to look up. */
    private static Optional<InetAddress> literal(String s) {
        if (!IPV4.matcher(s).matches() && !(s.indexOf(':') >= 0 && IPV6_CHARS.matcher(s).matches())) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(s)); // a literal: no lookup
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
