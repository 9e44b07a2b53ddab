package io.jobfleet.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The build keeps a worker's settings ({@code JOBFLEET_*}, and the {@code OTEL_*} the tracing
 * reads) from the test JVMs: the root pom's {@code jobfleet.test.hiddenEnv}, given to surefire and
 * failsafe as {@code excludedEnvironmentVariables}. A shell set up as the README's "Running it
 * against your database" says, with {@code JOBFLEET_DB_URL} and {@code JOBFLEET_DB_POOLER}
 * exported, then runs the same tests as a clean one. This test keeps the list complete: every such
 * variable named in the modules' main code or the launcher must be on it.
 */
class HiddenEnvironmentTest {
    private static final Path ROOT = Path.of("..");
    /** A whole variable name: {@code JOBFLEET_CONSOLE_*} in a comment is a family of names, not one. */
    private static final Pattern NAME = Pattern.compile("(?:JOBFLEET|OTEL)_[A-Z0-9_]*[A-Z0-9](?![A-Z0-9_])");
    private static final Pattern PROPERTY = Pattern.compile("<jobfleet\\.test\\.hiddenEnv>([^<]*)</jobfleet\\.test\\.hiddenEnv>");

    @Test
    void everyVariableTheCodeReadsIsHiddenFromTheTests() throws IOException {
        Set<String> hidden = hidden();
        Set<String> read = new TreeSet<>(namesIn(ROOT.resolve("jobfleet")));
        try (Stream<Path> modules = Files.list(ROOT)) {
            for (Path main : modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.walk(main)) {
                    files.filter(f -> f.toString().endsWith(".java")).forEach(f -> read.addAll(namesIn(f)));
                }
            }
        }
        read.removeIf(n -> n.startsWith("JOBFLEET_TEST_"));

        assertThat(read).as("variables the code reads").contains("JOBFLEET_DB_URL", "JOBFLEET_DB_POOLER",
                "JOBFLEET_LLM_API_KEY_FILE", "JOBFLEET_JAVA_OPTS", "OTEL_EXPORTER_OTLP_ENDPOINT");
        assertThat(hidden).as("the root pom's jobfleet.test.hiddenEnv: add the missing names (one line, "
                + "comma-separated, no spaces)").containsAll(read);
    }

    @Test
    void theTestsDatabaseStaysSelectableAndTheListIsOneMavenCanSplit() throws IOException {
        Set<String> hidden = hidden();
        assertThat(hidden).noneMatch(n -> n.startsWith("JOBFLEET_TEST_"));
        // Maven splits the property at the commas and trims nothing: " JOBFLEET_X" would hide nothing
        assertThat(hidden).allMatch(n -> NAME.matcher(n).matches(), "a bare variable name");
        String pom = Files.readString(ROOT.resolve("pom.xml"));
        assertThat(pom.split(Pattern.quote("<excludedEnvironmentVariables>${jobfleet.test.hiddenEnv}"
                + "</excludedEnvironmentVariables>"), -1)).as("surefire's and failsafe's configuration").hasSize(3);
    }

    @Test
    void noHiddenVariableReachesThisJvm() throws IOException {
        Set<String> visible = hidden().stream().filter(n -> System.getenv(n) != null).collect(Collectors.toSet());
        assertThat(visible).as("hidden variables this test JVM sees (run through ./mvnw, which hides them)").isEmpty();
    }

    private static Set<String> hidden() throws IOException {
        Matcher m = PROPERTY.matcher(Files.readString(ROOT.resolve("pom.xml")));
        assertThat(m.find()).as("jobfleet.test.hiddenEnv in the root pom").isTrue();
        return new TreeSet<>(Arrays.asList(m.group(1).split(",", -1)));
    }

    private static Set<String> namesIn(Path file) {
        try {
            return NAME.matcher(Files.readString(file)).results().map(r -> r.group()).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
