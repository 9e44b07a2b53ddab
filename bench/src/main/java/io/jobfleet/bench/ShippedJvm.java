package io.jobfleet.bench;

import java.util.List;

/**
 * The JVM options a worker process is started with as shipped: by the launcher ({@code ./jobfleet
 * FAMILY run}), the systemd units and the container image (each spells them in its own syntax;
 * {@code ShippedJvmOptionsTest} checks that all of them carry these). The bench measures a worker
 * JVM's memory and start with them.
 */
final class ShippedJvm {
    static final List<String> OPTIONS = List.of("-XX:+UseSerialGC", "-Xmn16m", "-XX:ReservedCodeCacheSize=48m",
            "-XX:CompileThresholdScaling=3", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError");

    private ShippedJvm() {
    }
}
