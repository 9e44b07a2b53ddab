package io.jobfleet.ai;

import io.jobfleet.cli.JobfleetCli;
import java.util.List;

/** {@code worker-ai}: AI generation: ai.generate jobs on an OpenAI-compatible API. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(JobfleetCli.run(List.of(new AiFamily()), List.of(), args));
    }
}
