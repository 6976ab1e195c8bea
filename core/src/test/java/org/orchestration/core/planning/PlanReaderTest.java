package org.orchestration.core.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.orchestration.core.json.Json;

class PlanReaderTest {

    @Test
    void missingOptionalFieldsGetDefaults() {
        PlanDocument doc = PlanReader.read(PlanExtractor.extract("{\"tasks\": [{\"title\": \"Only a title\"}]}"), 100);
        PlanTask t = doc.tasks().get(0);
        assertThat(t.priority()).isEqualTo(50);
        assertThat(t.complexity()).isEqualTo("medium");
        assertThat(t.dependsOn()).isEmpty();
        assertThat(t.estimatedTokens()).isEqualTo(PlanTask.defaultEstimatedTokens("medium"));
    }

    @Test
    void aBareTaskListIsAccepted() {
        PlanDocument doc = PlanReader.read(PlanExtractor.extract("[{\"title\": \"A\"}, {\"title\": \"B\", \"depends_on\": [0]}]"), 100);
        assertThat(doc.tasks()).hasSize(2);
    }

    @Test
    void moreTasksThanTheCapIsAClearError() {
        ObjectNode root = Json.mapper().createObjectNode();
        ArrayNode tasks = root.putArray("tasks");
        for (int i = 0; i < 500; i++) {
            tasks.addObject().put("title", "T" + i);
        }
        assertThatThrownBy(() -> PlanReader.read(root, 100))
                .isInstanceOf(PlanningException.class)
                .hasMessageContaining("500 tasks")
                .hasMessageContaining("at most 100");
    }

    @Test
    void anUnknownComplexityIsNamedWithItsTask() {
        assertThatThrownBy(() -> PlanReader.read(PlanExtractor.extract(
                "{\"tasks\": [{\"title\": \"A\"}, {\"title\": \"B\", \"complexity\": \"huge\"}]}"), 100))
                .isInstanceOf(PlanningException.class)
                .hasMessageContaining("task 2")
                .hasMessageContaining("huge");
    }

    @Test
    void aPriorityOutOfRangeIsRefused() {
        assertThatThrownBy(() -> PlanReader.read(PlanExtractor.extract(
                "{\"tasks\": [{\"title\": \"A\", \"priority\": 101}]}"), 100))
                .isInstanceOf(PlanningException.class)
                .hasMessageContaining("priority 101");
    }

    @Test
    void aTaskWithoutTitleIsRefused() {
        assertThatThrownBy(() -> PlanReader.read(PlanExtractor.extract("{\"tasks\": [{\"description\": \"x\"}]}"), 100))
                .isInstanceOf(PlanningException.class)
                .hasMessageContaining("task 1 has no title");
    }

    @Test
    void anEmptyTaskListIsRefused() {
        assertThatThrownBy(() -> PlanReader.read(PlanExtractor.extract("{\"summary\": \"x\", \"tasks\": []}"), 100))
                .isInstanceOf(PlanningException.class)
                .hasMessageContaining("no tasks");
    }

    @Test
    void badDependencyReferencesAreKeptForTheDecomposerToReport() {
        PlanDocument doc = PlanReader.read(PlanExtractor.extract(
                "{\"tasks\": [{\"title\": \"A\"}, {\"title\": \"B\", \"depends_on\": [\"first\", 7, 0]}]}"), 100);
        assertThat(doc.tasks().get(1).dependsOn()).hasSize(3);
    }

    @Test
    void controlCharactersInTitlesAreRepairedAndUnicodeKept() {
        PlanDocument doc = PlanReader.read(PlanExtractor.extract(
                "{\"tasks\": [{\"title\": \"Écrire\\nle 文档 🚀\"}]}"), 100);
        assertThat(doc.tasks().get(0).title()).isEqualTo("Écrire le 文档 🚀");
    }
}
