package io.jobfleet.cli;

import io.jobfleet.family.WorkerFamily;
import io.jobfleet.mapping.AppMapping;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --app-mapping FILE}: where the family finds the app's tables (of {@code run} and {@code check}). */
public final class AppMappingOptions {
    @Option(names = "--app-mapping", paramLabel = "FILE", defaultValue = "${env:JOBFLEET_APP_MAPPING}",
            description = "YAML file mapping the app's tables, columns, id types and status words; overrides parts "
                    + "of the family's default (the reference schema in --app-schema) (env JOBFLEET_APP_MAPPING).")
    Path file;

    /** The family's mapping (file over default), or empty for a family without app tables. */
    public Optional<AppMapping> resolve(WorkerFamily family, String appSchema) {
        return family.appMapping().map(spec -> spec.load(file, appSchema));
    }

    public Path file() {
        return file;
    }
}
