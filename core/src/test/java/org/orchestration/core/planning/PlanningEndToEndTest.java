package org.orchestration.core.planning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.orchestration.core.llm.CancellationToken;
import org.orchestration.core.model.PlanStatus;
import org.orchestration.core.model.ProjectStatus;
import org.orchestration.core.model.TaskStatus;
import org.orchestration.core.projects.Project;
import org.orchestration.core.projects.ProjectSummary;
import org.orchestration.core.tasks.TaskView;

/** Requirements -> plan (scripted model) -> forecast -> edit -> approve -> tasks, through the public services. */
class PlanningEndToEndTest extends PlanningTestBase {

    private static final String REPLY = """
            Here is my plan. Note that templates use {placeholders}.
            ```json
            {
              "summary": "A blog with posts and comments",
              "phases": [{"name": "Build", "description": "code"}, {"name": "Ship", "description": "docs"}],
              "tasks": [
                {"title": "Design the schema", "description": "Tables for {posts} and comments", "task_type": "analysis",
                 "complexity": "simple", "priority": 80, "depends_on": [], "tools": [], "estimated_tokens": 800, "phase": "Build"},
                {"title": "Write the API", "description": "REST endpoints", "task_type": "code", "complexity": "complex",
                 "priority": 60, "depends_on": [0], "tools": ["write_file"], "estimated_tokens": 6000, "phase": "Build"},
                {"title": "Write the UI", "description": "Pages", "task_type": "code", "complexity": "medium",
                 "priority": 50, "depends_on": ["0"], "tools": ["write_file"], "estimated_tokens": 4000, "phase": "Build"},
                {"title": "Write a style guide", "description": "Fonts", "task_type": "writing", "complexity": "simple",
                 "depends_on": [], "tools": [], "phase": "Ship"}
              ]
            }
            ```
            Let me know {if} you want changes.""";

    @Test
    void requirementsBecomeAReviewedPlanAndThenTasksInTheRightStates() {
        Project project = h.projects.create(h.owner, "Blog", "A blog with posts and comments.");
        h.provider.reply(REPLY);

        Plan plan = h.planner.generatePlan(h.owner, project.id(), CancellationToken.none());
        assertThat(plan.body().tasks()).hasSize(4);
        assertThat(h.projects.get(h.owner, project.id()).status()).isEqualTo(ProjectStatus.PLANNED);

        CostForecast.Forecast forecast = h.forecast.forecast(h.owner, plan.id());
        assertThat(forecast.tasks()).hasSize(4);
        assertThat(forecast.unpricedTasks()).isZero();
        assertThat(forecast.lowMicros()).isPositive().isLessThan(forecast.highMicros());
        assertThat(forecast.tasks().get(1).model()).isEqualTo("complex-model");
        assertThat(forecast.tasks().stream().mapToLong(CostForecast.TaskCost::highMicros).sum()).isEqualTo(forecast.highMicros());

        // The user makes the style guide wait for the UI, and renames the API task.
        h.editor.addDependency(h.owner, plan.id(), 3, 2);
        h.editor.renameTask(h.owner, plan.id(), 1, "Write the REST API");

        Decomposer.Approval approval = h.decomposer.approve(h.owner, plan.id());

        Map<String, TaskStatus> states = h.tasks.list(h.owner, project.id()).stream()
                .collect(Collectors.toMap(TaskView::title, TaskView::status));
        assertThat(states).containsExactlyInAnyOrderEntriesOf(Map.of(
                "Design the schema", TaskStatus.PENDING,
                "Write the REST API", TaskStatus.BLOCKED,
                "Write the UI", TaskStatus.BLOCKED,
                "Write a style guide", TaskStatus.BLOCKED));
        assertThat(approval.warnings()).isEmpty();
        assertThat(h.plans.get(h.owner, plan.id()).status()).isEqualTo(PlanStatus.APPROVED);

        ProjectSummary summary = h.projects.list(h.owner).get(0);
        assertThat(summary.status()).isEqualTo(ProjectStatus.READY);
        assertThat(summary.taskCounts()).containsEntry(TaskStatus.PENDING, 1).containsEntry(TaskStatus.BLOCKED, 3);
        assertThat(summary.spentMicros()).isPositive();
        assertThat(h.events.types()).containsExactly("project.status", "plan.ready", "project.status");
    }

    @Test
    void aReadyProjectThatNeverRanCanBeReplannedAndTheNewApprovalReplacesItsTasks() {
        Project project = h.projects.create(h.owner, "Blog", "A blog.");
        h.provider.reply(REPLY).reply(PlanningHarness.planJson(PlanningHarness.deps(), PlanningHarness.deps(0)));
        Plan first = h.planner.generatePlan(h.owner, project.id(), CancellationToken.none());
        h.decomposer.approve(h.owner, first.id());

        Plan second = h.planner.generatePlan(h.owner, project.id(), CancellationToken.none());
        h.decomposer.approve(h.owner, second.id());

        assertThat(h.tasks.list(h.owner, project.id())).extracting(TaskView::title).containsExactly("Task 0", "Task 1");
        assertThat(h.plans.get(h.owner, first.id()).status()).isEqualTo(PlanStatus.SUPERSEDED);
        assertThat(h.projects.get(h.owner, project.id()).status()).isEqualTo(ProjectStatus.READY);
    }
}
