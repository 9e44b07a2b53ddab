package io.jobfleet.text;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Which hosts, addresses and ports documents may be downloaded from. By default only public
 * addresses on ports 80 and 443: never loopback, private (RFC 1918), link-local (cloud metadata at
 * 169.254.169.254), shared (CGNAT 100.64/10), unique-local IPv6, multicast, reserved,
 * documentation, IPv4-mapped or NAT64 addresses. An allowlist opens named hosts or address ranges
 * for an app whose files live on a private store; an entry without a port opens ports 80 and 443,
 * with a port only that port.
 *
 * <p>Entries: {@code files.internal}, {@code files.internal:9000}, {@code 10.20.0.0/16},
 * {@code 10.20.0.5:8080}, {@code fd00::/8}, {@code [fd00::5]:8080}. Thread-safe.
 */
public final class AddressPolicy {
    private static final List<Cidr> NOT_PUBLIC_V4 = ranges(
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
            "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15",
            "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4");
    /** Global unicast IPv6 is 2000::/3; within it, these are not plain public hosts. */
    private static final Cidr GLOBAL_V6 = Cidr.of("2000::", 3);
    private static final List<Cidr> NOT_PUBLIC_V6 = ranges(
            "2001::/32", "2001:2::/48", "2001:10::/28", "2001:20::/28", "2001:db8::/32", "2002::/16",
            "3fff::/20");
    private static final int HTTP = 80;
    private static final int HTTPS = 443;

    private static final AddressPolicy PUBLIC_ONLY = new AddressPolicy(List.of());

    /** One allowlist entry: a host name or an address range, and a port or -1 for 80 and 443. */
    private record Entry(String host, Cidr range, int port) {
        boolean allowsPort(int p) {
            return port < 0 ? p == HTTP || p == HTTPS : p == port;
        }
    }

    private final List<Entry> allowed;
    private final List<String> text;

    private AddressPolicy(List<String> entries) {
        List<Entry> parsed = new ArrayList<>();
        for (String e : entries) {
            parsed.add(parse(e.strip()));
        }
        this.allowed = List.copyOf(parsed);
        this.text = List.copyOf(entries);
    }

    /** Public addresses on ports 80 and 443 only. */
    public static AddressPolicy publicOnly() {
        return PUBLIC_ONLY;
    }

    /**
     * Public addresses on 80 and 443, plus the allowlisted hosts and ranges.
     *
     * @throws IllegalArgumentException naming the entry that is not a host, address or range
     */
    public static AddressPolicy allowing(List<String> entries) {
        Objects.requireNonNull(entries, "entries");
        List<String> nonBlank = entries.stream().filter(e -> e != null && !e.isBlank()).map(String::strip).toList();
        return nonBlank.isEmpty() ? PUBLIC_ONLY : new AddressPolicy(nonBlank);
    }

    /** The allowlist as given. */
    public List<String> entries() {
        return text;
    }

    /** True for an address that any host on the internet could reach: not loopback, private, reserved, ... */
    public static boolean isPublic(InetAddress address) {
        if (address instanceof Inet4Address) {
            return NOT_PUBLIC_V4.stream().noneMatch(r -> r.contains(address));
        }
        return GLOBAL_V6.contains(address) && NOT_PUBLIC_V6.stream().noneMatch(r -> r.contains(address));
    }

    /** Whether a URL naming {@code host} on {@code port} may be requested at all (before resolving it). */
    boolean allowsPort(String host, int port) {
        if (port == HTTP || port == HTTPS) {
            return true;
        }
        String name = normalize(host);
        return allowed.stream().anyMatch(e -> e.port == port && (e.host == null || e.host.equals(name)));
    }

    /** Whether {@code address}, found for or written as {@code host}, may be connected to on {@code port}. */
    boolean allowsConnection(String host, InetAddress address, int port) {
        String name = normalize(host);
        for (Entry e : allowed) {
            boolean matches = e.host != null ? e.host.equals(name) : e.range.contains(address);
            if (matches && e.allowsPort(port)) {
                return true;
            }
        }
        return isPublic(address) && (port == HTTP || port == HTTPS);
    }

    private static Entry parse(String entry) {
        String hostPart = entry;
        int port = -1;
        if (entry.startsWith("[")) {
            int close = entry.indexOf(']');
            if (close < 0) {
                throw invalid(entry);
            }
            hostPart = entry.substring(1, close);
            String rest = entry.substring(close + 1);
            if (!rest.isEmpty()) {
                port = port(entry, rest.startsWith(":") ? rest.substring(1) : null);
            }
        } else if (entry.chars().filter(c -> c == ':').count() == 1) {
            int colon = entry.indexOf(':');
            hostPart = entry.substring(0, colon);
            port = port(entry, entry.substring(colon + 1));
        }
        Cidr range;
        try {
            range = Cidr.parse(hostPart);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + entry + "': " + e.getMessage());
        }
        if (range != null) {
            return new Entry(null, range, port);
        }
        if (!hostPart.matches("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?")) {
            throw invalid(entry);
        }
        return new Entry(normalize(hostPart), null, port);
    }

    private static int port(String entry, String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw invalid(entry);
    }

    private static IllegalArgumentException invalid(String entry) {
        return new IllegalArgumentException("'" + entry + "' is not a host name, address or address range "
                + "with an optional port, e.g. files.internal, files.internal:9000, 10.0.0.0/8 or [fd00::5]:8080");
    }

    private static String normalize(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    private static List<Cidr> ranges(String... cidrs) {
        return java.util.Arrays.stream(cidrs).map(Cidr::parse).toList();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AddressPolicy other && other.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return allowed.isEmpty() ? "AddressPolicy[public only]" : "AddressPolicy[public, " + text + "]";
    }
}
