package io.jobfleet.testing;

import io.jobfleet.cli.JobfleetCli;
import java.util.List;

/** A worker JVM of the {@link TestFamily}, started by tests as a separate process. */
public final class TestWorkerMain {
    private TestWorkerMain() {
    }

    public static void main(String[] args) {
        System.exit(JobfleetCli.run(List.of(new TestFamily()), List.of(), args));
    }
}
