package org.orchestration.ui.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Views and view models talk to core services and records, never to storage. */
class UiArchitectureTest {

    @Test
    void uiDoesNotTouchTheDatabaseLayer() {
        JavaClasses ui = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.orchestration.ui");
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.orchestration.core.db..", "java.sql..")
                .because("ui-fxml calls core services; storage is core's business")
                .allowEmptyShould(true)
                .check(ui);
    }
}
