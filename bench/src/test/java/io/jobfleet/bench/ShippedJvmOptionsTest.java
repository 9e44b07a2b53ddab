package io.jobfleet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The worker JVM options the bench measures memory and start with are the ones a user gets: the
 * launcher, every systemd worker unit and the container image start a worker with them.
 */
class ShippedJvmOptionsTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final String OPTIONS = String.join(" ", ShippedJvm.OPTIONS);

    @Test
    void theLauncherStartsAWorkerWithThem() throws IOException {
        assertThat(Files.readString(ROOT.resolve("jobfleet"))).contains("-\"" + OPTIONS + "\"}");
    }

    @Test
    void everySystemdWorkerUnitStartsItsJvmWithThem() throws IOException {
        List<Path> units;
        try (Stream<Path> files = Files.list(ROOT.resolve("systemd"))) {
            units = files.filter(p -> p.getFileName().toString().matches("jobfleet-.+@\\.service")).sorted().toList();
        }
        assertThat(units).hasSizeGreaterThanOrEqualTo(3);
        for (Path unit : units) {
            assertThat(Files.readAllLines(unit)).as(unit.getFileName().toString())
                    .filteredOn(l -> l.startsWith("ExecStart="))
                    .singleElement().asString().startsWith("ExecStart=/usr/bin/java " + OPTIONS + " -jar ");
        }
    }

    @Test
    void theContainerImageSetsThem() throws IOException {
        assertThat(Files.readString(ROOT.resolve("deploy/docker/Dockerfile")))
                .contains("ENV JAVA_TOOL_OPTIONS=\"" + OPTIONS + "\"");
    }
}
