package org.orchestration.core.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The API stays a thin shell: its routes call the core services directly, with no seam or adapter between. */
class ApiArchitectureTest {

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("org.orchestration.core");

    @Test
    void theApiNeverTouchesTheDatabaseDirectly() {
        noClasses().that().resideInAnyPackage("org.orchestration.core.api..")
                .should().dependOnClassesThat().resideInAnyPackage("org.orchestration.core.db..", "java.sql..")
                .check(CORE);
    }

    @Test
    void theRoutesReachTheEngineOnlyThroughItsServices() {
        noClasses().that().resideInAPackage("org.orchestration.core.api..")
                .should().dependOnClassesThat().haveSimpleNameEndingWith("Table")
                .orShould().dependOnClassesThat().haveSimpleNameEndingWith("Adapter")
                .check(CORE);
    }

    @Test
    void thereAreNoSeamsOrAdaptersBetweenTheRoutesAndTheServices() {
        noClasses().should().resideInAnyPackage("org.orchestration.core.api.backend..", "org.orchestration.core.api.wiring..")
                .check(CORE);
    }

    @Test
    void nothingElseInCoreDependsOnTheApi() {
        noClasses().that().resideInAPackage("org.orchestration.core..")
                .and().resideOutsideOfPackage("org.orchestration.core.api..")
                .should().dependOnClassesThat().resideInAPackage("org.orchestration.core.api..")
                .check(CORE);
    }
}
