package org.orchestration.ui;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The MVVM split holds: view models and ports know no scene graph; the UI never reaches into storage. */
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

    @Test
    void portsAreFreeOfJavaFx() {
        noClasses().that().resideInAPackage("org.orchestration.ui.port..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..")
                .check(UI);
    }

    @Test
    void theUiNeverUsesStorageDirectly() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.orchestration.core.db..")
                .check(UI);
    }
}
