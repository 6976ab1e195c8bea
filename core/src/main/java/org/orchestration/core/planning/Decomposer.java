package org.orchestration.core.planning;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.IntConsumer;
import org.orchestration.core.auth.User;
import org.orchestration.core.db.Database;
import org.orchestration.core.errors.ConflictException;
import org.orchestration.core.errors.ValidationException;
import org.orchestration.core.events.EventPublisher;
import org.orchestration.core.events.ProjectStatusChanged;
import org.orchestration.core.llm.ModelRoute;
import org.orchestration.core.llm.ModelRouting;
import org.orchestration.core.model.PlanStatus;
import org.orchestration.core.model.ProjectStatus;
import org.orchestration.core.model.TaskStatus;
import org.orchestration.core.projects.Project;
import org.orchestration.core.projects.ProjectTable;
import org.orchestration.core.tasks.TaskWrites;
import org.orchestration.core.tasks.TaskWrites.Dependency;
import org.orchestration.core.tasks.TaskWrites.NewTask;

/**
 * Approves a DRAFT plan: turns its tasks into task rows and its dependencies into
 * {@code task_deps} edges (seed 4.6), written through {@link TaskWrites}. Every dependency reference is checked; the ones that
 * cannot be used are kept on the plan as named warnings. A cycle refuses approval naming the
 * tasks on it. Tasks, edges, BLOCKED/PENDING statuses, the plan's APPROVED status and the
 * project's READY status are written in one transaction: all or nothing.
 */
public final class Decomposer {

    /** The result of an approval: the plan as approved and the new task ids in plan order. */
    public record Approval(Plan plan, List<String> taskIds, List<PlanWarning> warnings) {

        public Approval {
            taskIds = List.copyOf(taskIds);
            warnings = List.copyOf(warnings);
        }
    }

    private final Database db;
    private final PlanStore plans;
    private final TaskWrites taskWrites;
    private final ProjectTable projects;
    private final ModelRouting routing;
    private final EventPublisher events;
    private final Clock clock;
    /** Test seam: runs after each task row is inserted (index given), inside the transaction. */
    private IntConsumer afterTaskInsert = i -> { };

    public Decomposer(Database db, ProjectTable projects, ModelRouting routing, EventPublisher events, Clock clock) {
        this.db = db;
        this.plans = new PlanStore(db);
        this.taskWrites = new TaskWrites(db);
        this.projects = projects;
        this.routing = routing;
        this.events = events;
        this.clock = clock;
    }

    /** Lets a test fail the write half-way and prove that nothing was kept. */
    void afterTaskInsert(IntConsumer hook) {
        this.afterTaskInsert = hook;
    }

    /**
     * Approves the plan and creates its tasks: those with dependencies BLOCKED, the others PENDING.
     *
     * @throws org.orchestration.core.errors.NotFoundException  no such plan
     * @throws org.orchestration.core.errors.ForbiddenException not the owner nor an admin
     * @throws ConflictException   "Plan already approved" / superseded, or the project is not PLANNED (state named)
     * @throws ValidationException "depends_on" when the dependencies form a cycle (the tasks on it named);
     *                             the reference warnings are still saved on the plan
     */
    public Approval approve(User actor, String planId) {
        try {
            return db.inTransaction(() -> write(actor, planId));
        } catch (CycleFound cycle) {
            plans.updateWarnings(planId, cycle.warnings, clock.instant());
            throw new ValidationException("depends_on", cycle.getMessage());
        }
    }

    /** Signals a cycle out of the transaction (rolling it back) with the warnings to keep. */
    private static final class CycleFound extends RuntimeException {
        private final List<PlanWarning> warnings;

        CycleFound(String message, List<PlanWarning> warnings) {
            super(message, null, false, false);
            this.warnings = warnings;
        }
    }

    private Approval write(User actor, String planId) {
        Plan plan = plans.require(actor, planId);
        if (plan.status() == PlanStatus.APPROVED) {
            throw new ConflictException("Plan already approved.");
        }
        if (plan.status() == PlanStatus.SUPERSEDED) {
            throw new ConflictException("This plan was superseded by a newer one; approve the newest draft instead.");
        }
        Project project = projects.require(plan.projectId());
        if (project.status() != ProjectStatus.PLANNED) {
            throw ProjectTable.conflict(project.status(), "approve a plan", EnumSet.of(ProjectStatus.PLANNED));
        }
        List<PlanTask> tasks = plan.body().tasks();
        DependencyGraph.Resolved resolved = DependencyGraph.resolve(tasks);
        Optional<List<Integer>> cycle = DependencyGraph.findCycle(resolved.deps());
        if (cycle.isPresent()) {
            throw new CycleFound("Circular dependency among tasks: " + DependencyGraph.describeCycle(cycle.get(), tasks)
                    + ". Remove one of these dependencies and approve again.", resolved.warnings());
        }
        Instant now = clock.instant();
        replaceUnstartedTasks(project.id());

        List<String> ids = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            PlanTask t = tasks.get(i);
            ModelRoute route = t.route(routing);
            String id = UUID.randomUUID().toString();
            TaskStatus status = resolved.hasDependencies(i) ? TaskStatus.BLOCKED : TaskStatus.PENDING;
            taskWrites.insert(new NewTask(id, project.id(), plan.id(), i, t.title(), t.description(), t.taskType(), t.complexity(),
                    t.priority(), t.tools(), route.provider(), route.model(), t.effectiveMaxTokens(), t.estimatedTokens(), status,
                    status == TaskStatus.BLOCKED ? "Waiting for its dependencies" : null), now);
            ids.add(id);
            afterTaskInsert.accept(i);
        }
        List<Dependency> edges = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            for (int dep : resolved.deps().get(i)) {
                edges.add(new Dependency(ids.get(i), ids.get(dep)));
            }
        }
        taskWrites.insertDependencies(edges);
        if (!plans.markApproved(plan.id(), resolved.warnings(), now)) {
            throw new ConflictException("Plan already approved.");
        }
        plans.supersedeApproved(project.id(), plan.id(), now);
        projects.transition(project.id(), EnumSet.of(ProjectStatus.PLANNED), ProjectStatus.READY, "approve a plan");
        events.publish(new ProjectStatusChanged(project.id(), ProjectStatus.READY, null, null, null, plan.id(), ids.size()));
        return new Approval(plans.find(plan.id()).orElseThrow(), ids, resolved.warnings());
    }

    /**
     * A project re-planned after an earlier approval still holds that plan's tasks; none of them
     * ran (planning from READY requires it), so they are replaced rather than left to run.
     */
    private void replaceUnstartedTasks(String projectId) {
        long started = taskWrites.deleteUnstartedTasks(projectId);
        if (started > 0) {
            throw new ConflictException("Cannot approve: " + started + " task(s) of the earlier plan have already run.");
        }
    }
}
