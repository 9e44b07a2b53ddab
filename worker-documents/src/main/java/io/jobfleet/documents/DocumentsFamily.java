package io.jobfleet.documents;

import io.jobfleet.documents.config.DocumentsOptions;
import io.jobfleet.documents.config.DocumentsSettings;
import io.jobfleet.documents.invoices.ProcessInvoiceHandler;
import io.jobfleet.documents.requirements.ExtractRequirementsHandler;
import io.jobfleet.documents.source.DocumentReader;
import io.jobfleet.engine.JobHandler;
import io.jobfleet.family.FamilyRuntime;
import io.jobfleet.family.WorkerFamily;
import io.jobfleet.mapping.AppMapping;
import io.jobfleet.mapping.MappingSpec;
import java.util.List;
import java.util.Optional;

/** Documents: requirement extraction and invoice processing. */
public final class DocumentsFamily implements WorkerFamily {
    private final DocumentsOptions options;

    public DocumentsFamily() {
        this(new DocumentsOptions());
    }

    public DocumentsFamily(DocumentsOptions options) {
        this.options = options;
    }

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
        return List.of(ExtractRequirementsHandler.KIND, ProcessInvoiceHandler.KIND);
    }

    @Override
    public List<JobHandler<?>> handlers(FamilyRuntime runtime) {
        return handlers(runtime, options.toSettings());
    }

    /** The family's handlers with explicit settings (tests, embedding). */
    public static List<JobHandler<?>> handlers(FamilyRuntime runtime, DocumentsSettings settings) {
        DocumentReader reader = new DocumentReader(settings);
        AppMapping mapping = runtime.mapping(DocumentsMapping.SPEC);
        return List.of(new ExtractRequirementsHandler(runtime.llm(), reader, mapping),
                new ProcessInvoiceHandler(runtime.llm(), reader, mapping));
    }

    @Override
    public Optional<String> appSchemaLocation() {
        return Optional.of("classpath:db/app/documents");
    }

    @Override
    public Optional<MappingSpec> appMapping() {
        return Optional.of(DocumentsMapping.SPEC);
    }

    /** The {@code --documents-*} flags, read by {@link #handlers(FamilyRuntime)}. */
    @Override
    public Object options() {
        return options;
    }
}
