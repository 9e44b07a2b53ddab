package io.jobfleet.text;

import java.io.IOException;
import java.net.InetSocketAddress;
import okhttp3.Connection;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * A network interceptor: checks the address and port the connection really went to before the
 * request is written. OkHttp does not pass IP-literal hosts through {@code Dns}, and this is the
 * last word for every form of address.
 */
final class ConnectionGuard implements Interceptor {
    private final AddressPolicy policy;

    ConnectionGuard(AddressPolicy policy) {
        this.policy = policy;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Connection connection = chain.connection();
        if (connection == null) {
            throw new RefusedAddressException("a connection without route");
        }
        InetSocketAddress target = connection.route().socketAddress();
        if (target.getAddress() == null
                || !policy.allowsConnection(chain.request().url().host(), target.getAddress(), target.getPort())) {
            throw new RefusedAddressException("address " + target);
        }
        return chain.proceed(chain.request());
    }
}
