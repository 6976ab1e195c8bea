package org.orchestration.core.tools;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The knowledge-base package is a library of the tools, never the other way round. */
class ToolsAndRagArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.orchestration.core.rag", "org.orchestration.core.tools");

    @Test
    void ragDoesNotDependOnTools() {
        noClasses().that().resideInAPackage("org.orchestration.core.rag..")
                .should().dependOnClassesThat().resideInAPackage("org.orchestration.core.tools..")
                .check(CLASSES);
    }

    @Test
    void neitherTouchesTheUiOrTheExecutor() {
        noClasses().that().resideInAnyPackage("org.orchestration.core.rag..", "org.orchestration.core.tools..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "java.awt..", "org.orchestration.core.execution..")
                .check(CLASSES);
    }
}
