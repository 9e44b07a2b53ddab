package io.jobfleet.fleet.local;

import io.jobfleet.config.WorkerEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Starts worker processes of a family as separate JVMs: from the family's own jar
 * ({@code worker-ai/target/worker-ai.jar} next to this tool) when it is there, otherwise from this
 * tool's class path with the family's main class (the fleet tool contains every family).
 */
public final class WorkerLauncher {
    private final Path logDir;
    private final Path repoRoot;
    private final List<String> jvmFlags;

    public WorkerLauncher(Path logDir, List<String> jvmFlags) {
        this.logDir = logDir;
        this.repoRoot = findRepoRoot();
        this.jvmFlags = List.copyOf(jvmFlags);
    }

    /**
     * The flag that lets a family reading documents read local files from {@code files} (it refuses
     * every path without one); none for the other families, which do not know the flag.
     */
    public static List<String> documentFlags(String family, Path files) {
        return Set.of("documents", "collections").contains(family)
                ? List.of("--documents-base-dir=" + files.toAbsolutePath())
                : List.of();
    }

    /**
     * The messages family's flags: sends go to the provider simulator at {@code providerUrl}, with
     * a send timeout shorter than the simulator's hang so that cut-off calls show.
     */
    public static List<String> messagesFlags(String family, String providerUrl) {
        return family.equals("messages")
                ? List.of("--messages-http-url=" + providerUrl, "--messages-send-timeout=2s")
                : List.of();
    }

    /** Starts {@code family}'s {@code run} with the given flags; output goes to a log file. */
    public WorkerHandle start(String family, String name, List<String> runFlags) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmFlags);
        Path jar = repoRoot == null ? null : repoRoot.resolve("worker-" + family).resolve("target")
                .resolve("worker-" + family + ".jar");
        if (jar != null && Files.isRegularFile(jar)) {
            cmd.add("-jar");
            cmd.add(jar.toString());
        } else {
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add("io.jobfleet." + family + ".Main");
        }
        cmd.add("run");
        cmd.addAll(runFlags);
        try {
            Files.createDirectories(logDir);
            Path log = logDir.resolve(name + ".log");
            Process p = WorkerEnvironment.withoutShellSettings(new ProcessBuilder(cmd)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            return new WorkerHandle(family, name, p, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start worker " + name, e);
        }
    }

    /** The checkout this tool runs from (the folder holding {@code worker-ai/}), or null. */
    private static Path findRepoRoot() {
        try {
            Path here = Path.of(WorkerLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = here; p != null; p = p.getParent()) {
                if (Files.isDirectory(p.resolve("worker-ai")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                    return p;
                }
            }
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
        return null;
    }
}
