package io.jobfleet.fleet.arch;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.jobfleet.daemon.WorkerDaemon;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A job family sees only the handler API: its production code uses none of the engine's
 * internals (the runtime, the lease, watchdog and wake services, and the engine classes other than
 * the handler API). The engine can then change its insides without touching a family. fleet is
 * the module with every family's main classes on its class path; test classes and test-jars are
 * left out.
 */
class FamiliesSeeOnlyTheHandlerApiTest {
    private static final String[] FAMILIES = {
            "io.jobfleet.ai..", "io.jobfleet.documents..", "io.jobfleet.collections..", "io.jobfleet.messages.."};

    /** Engine packages no family may use at all. */
    private static final String[] INTERNAL_PACKAGES = {
            "io.jobfleet.runtime..", "io.jobfleet.lease..", "io.jobfleet.watchdog..", "io.jobfleet.wake.."};

    /** What a handler is written against (with nested types): the rest of {@code io.jobfleet.engine} is the engine's. */
    private static final Set<String> HANDLER_API = Set.of(
            "JobHandler", "JobContext", "JobOutcome", "JobFailure", "FencedWrites", "SavedSteps", "Progress",
            "ProgressMirror", "Payloads", "ErrorClasses",
            "JobException", "PermanentJobException", "RetryableJobException", "SnoozeJobException",
            "JobLostException");

    private static final DescribedPredicate<JavaClass> ENGINE_INTERNAL =
            DescribedPredicate.describe("are engine classes outside the handler API " + HANDLER_API,
                    c -> c.getPackageName().equals("io.jobfleet.engine") && !HANDLER_API.contains(topLevelName(c)));

    /** Production classes only: no test-classes directory, no test-jar (the families' harnesses and simulated answers). */
    private static final ClassFileImporter MAIN_ONLY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar"));

    private static final JavaClasses FAMILY_MAIN = MAIN_ONLY.importPackages(Stream.of(FAMILIES)
            .map(FamiliesSeeOnlyTheHandlerApiTest::packageOf).toList());

    private static String topLevelName(JavaClass c) {
        String simple = c.getName().substring(c.getPackageName().length() + 1);
        int nested = simple.indexOf('$');
        return nested < 0 ? simple : simple.substring(0, nested);
    }

    private static String packageOf(String packageAndBelow) {
        return packageAndBelow.substring(0, packageAndBelow.length() - "..".length());
    }

    private static ArchRule seesOnlyTheHandlerApi(String... packages) {
        return noClasses().that().resideInAnyPackage(packages)
                .should().dependOnClassesThat(resideInAnyPackage(INTERNAL_PACKAGES).or(ENGINE_INTERNAL))
                .because("a family is written against the handler API (JobHandler, JobContext, the job exceptions)"
                        + " and its FamilyRuntime; the engine wires it");
    }

    @Test
    void familiesUseNoEngineInternals() {
        for (String family : FAMILIES) {
            String pkg = packageOf(family);
            assertThat(FAMILY_MAIN.stream().filter(c -> c.getPackageName().startsWith(pkg)).count())
                    .as("the production classes of %s were found", pkg).isGreaterThan(5);
        }
        seesOnlyTheHandlerApi(FAMILIES).check(FAMILY_MAIN);
    }

    @Test
    void theRuleFindsAUseOfTheEngineInternals() {
        // the daemon builds the Worker and its WorkerRuntime: the rule, applied to it, must object
        JavaClasses daemon = MAIN_ONLY.importPackages(WorkerDaemon.class.getPackageName());
        assertThat(seesOnlyTheHandlerApi("io.jobfleet.daemon..").evaluate(daemon).getFailureReport().getDetails())
                .anyMatch(d -> d.contains("io.jobfleet.runtime.WorkerRuntime"))
                .anyMatch(d -> d.contains("io.jobfleet.engine.Worker>") || d.contains("io.jobfleet.engine.Worker."));
    }
}
