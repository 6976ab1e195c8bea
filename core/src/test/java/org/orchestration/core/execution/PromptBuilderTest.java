package org.orchestration.core.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.orchestration.core.tasks.TaskWork.DependencyOutput;

class PromptBuilderTest {

    @Test
    void thePromptCarriesRequirementsPlanDependencyOutputsAndTheTask() {
        String prompt = PromptBuilder.userPrompt("Build a CLI.", "{\"summary\":\"Two steps.\",\"phases\":[{\"name\":\"Setup\"}]}",
                List.of(new DependencyOutput("Design", "Use picocli.")), "Write main", "Create Main.java.");
        assertThat(prompt).containsSubsequence("Build a CLI.", "Two steps.", "- Setup", "## Design", "Use picocli.",
                "# Your task: Write main", "Create Main.java.");
    }

    @Test
    void dependencyOutputsAreTrimmedToTheTokenBudgetSharedBetweenThem() {
        String huge = "x".repeat(PromptBuilder.DEPENDENCY_CONTEXT_TOKENS * PromptBuilder.CHARS_PER_TOKEN);
        String prompt = PromptBuilder.userPrompt("R", "", List.of(new DependencyOutput("A", huge),
                new DependencyOutput("B", huge)), "T", "D");
        int share = PromptBuilder.DEPENDENCY_CONTEXT_TOKENS / 2 * PromptBuilder.CHARS_PER_TOKEN;
        assertThat(prompt.length()).isLessThan(2 * share + 1_000);
        assertThat(prompt).contains("more characters trimmed");
    }

    @Test
    void aPlanBodyThatIsNotJsonIsUsedAsItIs() {
        assertThat(PromptBuilder.planContext("Just text.")).isEqualTo("Just text.");
    }
}
