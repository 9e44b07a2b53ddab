package io.jobfleet.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.jobfleet.engine.Worker;
import org.junit.jupiter.api.Test;

/**
 * No package of worker-common depends, directly or through others, on a package that depends on
 * it: lower packages declare the small interfaces they need (the held attempts the heartbeat
 * renews, the attempts the watchdog watches, the worker the gauges read) and the engine
 * implements them.
 */
class PackageCyclesTest {
    /** worker-common's production classes: the directory (or jar) {@link Worker} was loaded from. */
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importUrl(Worker.class.getProtectionDomain().getCodeSource().getLocation());

    @Test
    void packagesAreFreeOfCycles() {
        assertThat(MAIN.containPackage("io.jobfleet.engine")).isTrue();
        assertThat(MAIN.stream().filter(c -> c.getPackageName().startsWith("io.jobfleet.")).count())
                .as("the production classes were found").isGreaterThan(100);
        slices().matching("io.jobfleet.(**)").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void theSupportPackageIsALeaf() {
        noClasses()
                .that().resideInAPackage("io.jobfleet.support..")
                .should().dependOnClassesThat().resideOutsideOfPackages("io.jobfleet.support..", "java..",
                        "com.fasterxml.jackson..", "org.slf4j..")
                .check(MAIN);
    }
}
