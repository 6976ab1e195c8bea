package org.orchestration.core.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class PlanExtractorTest {

    private static final String PLAN = """
            {"summary": "s", "tasks": [{"title": "A", "description": "uses {braces} and \\"quotes\\" and \\\\", "complexity": "simple",
              "depends_on": [], "meta": {"nested": {"deep": [1, {"x": "}"}]}}}]}""";

    @Test
    void rawJsonIsReadWhole() {
        JsonNode plan = PlanExtractor.extract(PLAN);
        assertThat(plan.path("tasks").get(0).path("title").asText()).isEqualTo("A");
    }

    @Test
    void jsonInsideCodeFencesIsFound() {
        JsonNode plan = PlanExtractor.extract("Here is the plan:\n```json\n" + PLAN + "\n```\nGood luck!");
        assertThat(plan.path("summary").asText()).isEqualTo("s");
    }

    @Test
    void jsonInsideAnUnlabelledFenceIsFound() {
        JsonNode plan = PlanExtractor.extract("```\n" + PLAN + "\n```");
        assertThat(plan.has("tasks")).isTrue();
    }

    @Test
    void jsonFollowedByProseWithBracesIsFound() {
        JsonNode plan = PlanExtractor.extract(PLAN + "\n\nNote: you can later add {more} tasks } if needed.");
        assertThat(plan.path("tasks").size()).isEqualTo(1);
    }

    @Test
    void proseWithBracesBeforeTheJsonIsSkipped() {
        JsonNode plan = PlanExtractor.extract("I use {curly} notation and an unclosed { brace. Here:\n" + PLAN);
        assertThat(plan.path("summary").asText()).isEqualTo("s");
    }

    @Test
    void nestedBracesAndBracesInsideStringsStayInsideTheObject() {
        JsonNode plan = PlanExtractor.extract("Plan follows " + PLAN + " and that is all }}}");
        JsonNode task = plan.path("tasks").get(0);
        assertThat(task.path("description").asText()).isEqualTo("uses {braces} and \"quotes\" and \\");
        assertThat(task.path("meta").path("nested").path("deep").get(1).path("x").asText()).isEqualTo("}");
    }

    @Test
    void anExampleObjectBeforeThePlanLosesToTheObjectWithTasks() {
        JsonNode plan = PlanExtractor.extract("For example {\"title\": \"x\"} is one task. The plan: " + PLAN);
        assertThat(plan.has("tasks")).isTrue();
    }

    @Test
    void aFencedExampleWithoutTasksLosesToThePlanInTheProse() {
        JsonNode plan = PlanExtractor.extract("A task looks like ```json\n{\"title\": \"x\"}\n``` and the plan is " + PLAN);
        assertThat(plan.has("tasks")).isTrue();
    }

    @Test
    void truncatedJsonIsAClearError() {
        String cut = PLAN.substring(0, PLAN.length() / 2);
        assertThatThrownBy(() -> PlanExtractor.extract("Here you go: " + cut))
                .isInstanceOf(PlanningException.class)
                .hasMessageContaining("cut off");
    }

    @Test
    void aPlanCutOffAfterSomeCompleteTasksIsReportedAsTruncatedNotAsOneTask() {
        String reply = "{\"summary\": \"s\", \"tasks\": [{\"title\": \"A\"}, {\"title\": \"B\"}, {\"title\": \"C";
        assertThatThrownBy(() -> PlanExtractor.extract(reply))
                .isInstanceOf(PlanningException.class)
                .hasMessageContaining("cut off");
    }

    @Test
    void aReplyWithoutJsonIsAClearError() {
        assertThatThrownBy(() -> PlanExtractor.extract("Sorry, I cannot help with that."))
                .isInstanceOf(PlanningException.class)
                .hasMessageContaining("no JSON plan");
    }

    @Test
    void thousandsOfUnmatchedBracesFailQuicklyInsteadOfScanningForever() {
        String reply = "{".repeat(64_000); // about the longest reply a 16k-token limit allows
        assertThatThrownBy(() -> PlanExtractor.extract(reply)).isInstanceOf(PlanningException.class);
    }

    @Test
    void anEmptyReplyIsAClearError() {
        assertThatThrownBy(() -> PlanExtractor.extract("  \n"))
                .isInstanceOf(PlanningException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void unicodeSurvivesExtraction() {
        JsonNode plan = PlanExtractor.extract("计划 {\"summary\": \"日本語 ✓ émoji 🚀\", \"tasks\": []} 完");
        assertThat(plan.path("summary").asText()).isEqualTo("日本語 ✓ émoji 🚀");
    }
}
