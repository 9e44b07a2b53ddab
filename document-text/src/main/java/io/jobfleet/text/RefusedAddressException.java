package io.jobfleet.text;

import java.net.UnknownHostException;

/**
 * A host or address the {@link AddressPolicy} does not allow. An {@link UnknownHostException}
 * so that OkHttp's {@code Dns} may throw it; told apart from a real unknown host by its type.
 */
final class RefusedAddressException extends UnknownHostException {
    private static final long serialVersionUID = 1L;

    RefusedAddressException(String what) {
        super(what + " is not allowed");
    }
}
