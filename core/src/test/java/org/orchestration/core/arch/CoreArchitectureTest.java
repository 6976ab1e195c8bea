package org.orchestration.core.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layout is the architecture: core knows no UI toolkit and its packages form no cycles. */
class CoreArchitectureTest {

    static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.orchestration.core");
    }

    @Test
    void coreImportsNoJavaFx() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("javafx..")
                .because("core is the engine; the UI lives in ui-fxml").check(core);
    }

    @Test
    void coreImportsNoAwtOrSwing() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("java.awt..", "javax.swing..")
                .because("the tray and windows belong to the app module").check(core);
    }

    @Test
    void corePackagesFormNoCycles() {
        slices().matching("org.orchestration.core.(*)..").should().beFreeOfCycles().check(core);
    }
}
