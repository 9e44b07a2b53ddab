package io.jobfleet.collections;

import io.jobfleet.cli.JobfleetCli;
import java.util.List;

/** {@code worker-collections}: Study collections: flashcards and quizzes. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(JobfleetCli.run(List.of(new CollectionsFamily()), List.of(), args));
    }
}
