package io.jobfleet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker JVMs of a bench run start from a copy of the bench's jar: a build during the run
 * rewrites the jar, and a class-data sharing archive dumped for the old one would then be quietly
 * left out of the start measurement.
 */
class WorkerJvmClassPathTest {
    @TempDir
    Path dir;

    @Test
    void aJarClassPathIsCopiedOnceAndOutlivesARebuild() throws Exception {
        String own = System.getProperty("java.class.path");
        Path jar = dir.resolve("jobfleet-bench.jar");
        Files.write(jar, new byte[] {'P', 'K', 3, 4, 1});
        System.setProperty("java.class.path", jar.toString());
        try {
            String first = WorkerJvm.classPath();
            Files.write(jar, new byte[] {'P', 'K', 3, 4, 2, 2}); // the build rewrites the jar
            String second = WorkerJvm.classPath();

            assertThat(first).isNotEqualTo(jar.toString()).isEqualTo(second);
            assertThat(Files.readAllBytes(Path.of(first))).containsExactly('P', 'K', 3, 4, 1);
        } finally {
            System.setProperty("java.class.path", own);
        }
    }

    @Test
    void aClassPathOfDirectoriesIsUsedAsItIs() {
        String own = System.getProperty("java.class.path");
        assertThat(own).contains(File.pathSeparator); // the test JVM's: classes folders and jars
        assertThat(WorkerJvm.classPath()).isEqualTo(own);
    }
}
