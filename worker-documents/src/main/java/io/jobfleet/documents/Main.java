package io.jobfleet.documents;

import io.jobfleet.cli.JobfleetCli;
import java.util.List;

/** {@code worker-documents}: Documents: requirement extraction and invoice processing. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(JobfleetCli.run(List.of(new DocumentsFamily()), List.of(), args));
    }
}
