package io.jobfleet.documents;

import io.jobfleet.engine.JobHandler;
import io.jobfleet.family.FamilyRuntime;
import io.jobfleet.family.WorkerFamily;
import java.util.List;
import java.util.Optional;

/** Documents: requirement extraction and invoice processing. */
public final class DocumentsFamily implements WorkerFamily {
    @Override
    public String name() {
        return "documents";
    }

    @Override
    public String queue() {
        return "documents";
    }

    @Override
    public List<String> kinds() {
        return List.of("document.extract_requirements", "invoice.process");
    }

    @Override
    public List<JobHandler<?>> handlers(FamilyRuntime runtime) {
        return List.of();
    }

    @Override
    public Optional<String> appSchemaLocation() {
        return Optional.of("classpath:db/app/documents");
    }
}
