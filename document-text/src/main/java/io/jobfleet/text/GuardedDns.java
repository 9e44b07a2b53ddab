package io.jobfleet.text;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import okhttp3.Dns;

/**
 * Resolves a host name once and hands OkHttp only the addresses the policy allows, so every
 * connection (the first request, each redirect hop, a name that re-resolves elsewhere later) goes
 * to a vetted address. A name with no allowed address fails as refused.
 */
final class GuardedDns implements Dns {
    private final AddressPolicy policy;
    private final Dns resolver;
    private final int port;

    /** For URLs on {@code port}: OkHttp does not tell a Dns the port, so there is one per port. */
    GuardedDns(AddressPolicy policy, Dns resolver, int port) {
        this.policy = policy;
        this.resolver = resolver;
        this.port = port;
    }

    @Override
    public List<InetAddress> lookup(String host) throws UnknownHostException {
        List<InetAddress> all = resolver.lookup(host);
        List<InetAddress> allowed = all.stream().filter(a -> policy.allowsConnection(host, a, port)).toList();
        if (allowed.isEmpty()) {
            throw new RefusedAddressException("host " + host);
        }
        return allowed;
    }
}
