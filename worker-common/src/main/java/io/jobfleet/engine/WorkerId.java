package io.jobfleet.engine;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.HexFormat;

/** The id a worker process writes into {@code locked_by}: its family, host, pid and a random suffix. */
public final class WorkerId {
    private WorkerId() {
    }

    public static String generate(String family) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "unknown-host";
        }
        byte[] suffix = new byte[3];
        new SecureRandom().nextBytes(suffix);
        return family + "@" + host + ":" + ProcessHandle.current().pid() + ":" + HexFormat.of().formatHex(suffix);
    }

    /** The family of a worker id {@link #generate} made ({@code ai} of {@code ai@host:42:0a1b2c}). */
    public static String family(String workerId) {
        int at = workerId.indexOf('@');
        return at > 0 ? workerId.substring(0, at) : workerId;
    }
}
