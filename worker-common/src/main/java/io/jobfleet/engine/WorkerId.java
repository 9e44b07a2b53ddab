package io.jobfleet.engine;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.HexFormat;

/** The id a worker process writes into {@code locked_by}: host, pid and a random suffix. */
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
}
