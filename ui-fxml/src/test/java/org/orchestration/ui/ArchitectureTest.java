package org.orchestration.ui;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The MVVM split holds: view models know no scene graph, call core services directly and never reach into storage. */
class ArchitectureTest {

    private static final JavaClasses UI = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.orchestration.ui");

    @Test
    void viewModelsDoNotTouchTheSceneGraphOrTheFxThread() {
        noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..",
                        "javafx.application..", "javafx.fxml..", "javafx.animation..")
                .check(UI);
    }

    /** Core and the window as shipped: one application layer, nothing in front of it, nothing faking it. */
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.orchestration.core", "org.orchestration.ui");

    @Test
    void viewModelsCallCoreServicesWithNoPortOrAdapterInBetween() {
        noClasses().that().areInterfaces().should().haveSimpleNameEndingWith("Port")
                .because("view models and routes call core's services directly").check(MAIN);
        noClasses().should().haveSimpleNameEndingWith("Adapter")
                .because("no adapter layer restates the services").check(MAIN);
        noClasses().should().haveSimpleNameStartingWith("Demo")
                .because("nothing in main fakes the engine; --demo is the real engine in Simulated mode").check(MAIN);
        noClasses().should().resideInAnyPackage("org.orchestration.core.api.backend..", "org.orchestration.core.api.wiring..",
                "org.orchestration.ui.port..", "org.orchestration.ui.engine..").check(MAIN);
    }

    @Test
    void theUiNeverUsesStorageDirectly() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.orchestration.core.db..")
                .check(UI);
    }
}
