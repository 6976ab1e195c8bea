package org.orchestration.core.planning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.orchestration.core.auth.User;
import org.orchestration.core.db.Database;
import org.orchestration.core.errors.ConflictException;
import org.orchestration.core.errors.ValidationException;
import org.orchestration.core.llm.ModelRoute;
import org.orchestration.core.model.PlanStatus;
import org.orchestration.core.model.Bounds;

/**
 * Edits of a DRAFT plan before approval. Each edit is validated at once (a
 * {@link ValidationException} naming the field), applied to the stored plan body in one
 * transaction, and refreshes the plan's dependency warnings. Task positions are 0-based.
 */
public final class PlanEditor {

    private static final Pattern TASK_TYPE = Pattern.compile("[a-z][a-z0-9_-]{0,39}");
    private static final Pattern MODEL_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/@-]{0,199}");

    private final Database db;
    private final PlanStore plans;
    private final int maxTasks;
    private final Clock clock;

    public PlanEditor(Database db, int maxTasks, Clock clock) {
        this.db = db;
        this.plans = new PlanStore(db);
        this.maxTasks = maxTasks;
        this.clock = clock;
    }

    /** @throws ValidationException "title": 1-500 characters, no control characters */
    public Plan renameTask(User actor, String planId, int task, String title) {
        String clean = Bounds.taskTitle(title);
        return editTask(actor, planId, task, t -> t.withTitle(clean));
    }

    /** @throws ValidationException "description": at most 10,000 characters */
    public Plan setDescription(User actor, String planId, int task, String description) {
        String clean = Bounds.taskDescription(description);
        return editTask(actor, planId, task, t -> t.withDescription(clean));
    }

    /**
     * Applies plan review's edit of one task in one transaction: each non-null field is checked as
     * {@link #renameTask}, {@link #setDescription} and {@link #setComplexity} check it, and nothing
     * is stored unless all pass.
     *
     * @throws ValidationException "title", "description", "complexity" or "task" (no such position)
     * @throws ConflictException   when the plan is not a DRAFT
     */
    public Plan editTask(User actor, String planId, int task, TaskEdit edit) {
        String title = edit.title() == null ? null : Bounds.taskTitle(edit.title());
        String description = edit.description() == null ? null : Bounds.taskDescription(edit.description());
        String complexity = edit.complexity() == null ? null : complexity(edit.complexity());
        return editTask(actor, planId, task, t -> {
            PlanTask next = title == null ? t : t.withTitle(title);
            next = description == null ? next : next.withDescription(description);
            return complexity == null ? next : next.withComplexity(complexity);
        });
    }

    /** @throws ValidationException "task_type": a short lower-case word such as code, research, writing */
    public Plan setTaskType(User actor, String planId, int task, String taskType) {
        String clean = taskType(taskType);
        return editTask(actor, planId, task, t -> t.withTaskType(clean));
    }

    /** @throws ValidationException "complexity": simple, medium or complex */
    public Plan setComplexity(User actor, String planId, int task, String complexity) {
        String clean = complexity(complexity);
        return editTask(actor, planId, task, t -> t.withComplexity(clean));
    }

    /** @throws ValidationException "priority": 0-100 */
    public Plan setPriority(User actor, String planId, int task, int priority) {
        int clean = Bounds.priority(priority);
        return editTask(actor, planId, task, t -> t.withPriority(clean));
    }

    /**
     * Pins the task to a provider and model; {@code route} null returns it to automatic routing.
     *
     * @throws ValidationException "model" or "provider" when blank or malformed
     */
    public Plan setModel(User actor, String planId, int task, ModelRoute route) {
        if (route != null) {
            if (route.provider() == null || !TASK_TYPE.matcher(route.provider()).matches()) {
                throw new ValidationException("provider", "provider must be a provider id such as anthropic, ollama or simulated.");
            }
            if (route.model() == null || !MODEL_NAME.matcher(route.model()).matches()) {
                throw new ValidationException("model", "model must be a model name such as claude-sonnet-4-5 or llama3.1:8b.");
            }
        }
        return editTask(actor, planId, task, t -> t.withRoute(route));
    }

    /**
     * Appends a task (its dependencies are checked like {@link #addDependency}).
     *
     * @throws ValidationException naming the field, or "tasks" when the plan is at planning.max_tasks
     */
    public Plan addTask(User actor, String planId, PlanTask task) {
        PlanTask clean = new PlanTask(Bounds.taskTitle(task.title()), Bounds.taskDescription(task.description()),
                taskType(task.taskType()), complexity(task.complexity()), Bounds.priority(task.priority()), List.of(),
                task.tools(), Math.max(0, task.estimatedTokens()),
                task.maxTokens() == null ? null : Bounds.maxTokens(task.maxTokens()), task.phase(), task.provider(), task.model());
        return edit(actor, planId, doc -> {
            if (doc.tasks().size() >= maxTasks) {
                throw new ValidationException("tasks", "The plan already has " + doc.tasks().size() + " tasks, the most allowed.");
            }
            List<PlanTask> tasks = new ArrayList<>(doc.tasks());
            tasks.add(clean);
            PlanDocument added = doc.withTasks(tasks);
            for (JsonNode dep : task.dependsOn()) {
                Integer index = DependencyGraph.numeric(dep);
                if (index == null) {
                    throw new ValidationException("depends_on", "depends_on must list task numbers (was " + dep + ").");
                }
                added = withDependency(added, tasks.size() - 1, index);
            }
            return added;
        });
    }

    /**
     * Removes a task; references to it are removed and later positions shift down by one.
     *
     * @throws ValidationException "tasks" when it is the last task
     */
    public Plan removeTask(User actor, String planId, int task) {
        return edit(actor, planId, doc -> {
            checkIndex(doc, task, "task");
            if (doc.tasks().size() == 1) {
                throw new ValidationException("tasks", "A plan needs at least one task.");
            }
            List<PlanTask> tasks = new ArrayList<>();
            for (int i = 0; i < doc.tasks().size(); i++) {
                if (i == task) {
                    continue;
                }
                PlanTask t = doc.tasks().get(i);
                List<JsonNode> deps = new ArrayList<>();
                for (JsonNode ref : t.dependsOn()) {
                    Integer index = DependencyGraph.numeric(ref);
                    if (index == null || index < 0 || index >= doc.tasks().size()) {
                        deps.add(ref); // unusable as written: kept so its warning stays visible
                    } else if (index != task) {
                        deps.add(IntNode.valueOf(index > task ? index - 1 : index));
                    }
                }
                tasks.add(t.withDependsOn(deps));
            }
            return doc.withTasks(tasks);
        });
    }

    /**
     * Makes {@code task} wait for {@code dependsOn}.
     *
     * @throws ValidationException "depends_on" for an unknown task, a self-reference, a repeat, or a
     *                             cycle (the message names the tasks on it)
     */
    public Plan addDependency(User actor, String planId, int task, int dependsOn) {
        return edit(actor, planId, doc -> withDependency(doc, task, dependsOn));
    }

    /** @throws ValidationException "depends_on" when {@code task} does not depend on {@code dependsOn} */
    public Plan removeDependency(User actor, String planId, int task, int dependsOn) {
        return edit(actor, planId, doc -> {
            checkIndex(doc, task, "task");
            PlanTask t = doc.tasks().get(task);
            List<JsonNode> deps = new ArrayList<>(t.dependsOn());
            boolean removed = deps.removeIf(ref -> Integer.valueOf(dependsOn).equals(DependencyGraph.numeric(ref)));
            if (!removed) {
                throw new ValidationException("depends_on", "Task \"" + t.title() + "\" does not depend on task " + dependsOn + ".");
            }
            return doc.withTask(task, t.withDependsOn(deps));
        });
    }

    private static PlanDocument withDependency(PlanDocument doc, int task, int dependsOn) {
        checkIndex(doc, task, "task");
        checkIndex(doc, dependsOn, "depends_on");
        PlanTask t = doc.tasks().get(task);
        if (task == dependsOn) {
            throw new ValidationException("depends_on", "Task \"" + t.title() + "\" cannot depend on itself.");
        }
        if (DependencyGraph.resolve(doc.tasks()).deps().get(task).contains(dependsOn)) {
            throw new ValidationException("depends_on", "Task \"" + t.title() + "\" already depends on \""
                    + doc.tasks().get(dependsOn).title() + "\".");
        }
        List<JsonNode> deps = new ArrayList<>(t.dependsOn());
        deps.add(IntNode.valueOf(dependsOn));
        PlanDocument next = doc.withTask(task, t.withDependsOn(deps));
        Optional<List<Integer>> cycle = DependencyGraph.findCycle(DependencyGraph.resolve(next.tasks()).deps());
        if (cycle.isPresent()) {
            throw new ValidationException("depends_on", "That dependency would create a cycle: "
                    + DependencyGraph.describeCycle(cycle.get(), next.tasks()) + ".");
        }
        return next;
    }

    private Plan editTask(User actor, String planId, int task, UnaryOperator<PlanTask> change) {
        return edit(actor, planId, doc -> {
            checkIndex(doc, task, "task");
            return doc.withTask(task, change.apply(doc.tasks().get(task)));
        });
    }

    private Plan edit(User actor, String planId, UnaryOperator<PlanDocument> change) {
        return db.inTransaction(() -> {
            Plan plan = plans.require(actor, planId);
            if (plan.status() != PlanStatus.DRAFT) {
                throw new ConflictException("The plan is " + plan.status() + "; only a DRAFT plan can be edited.");
            }
            PlanDocument next = change.apply(plan.body());
            plans.updateDraft(planId, next, DependencyGraph.resolve(next.tasks()).warnings(), clock.instant());
            return plans.find(planId).orElseThrow();
        });
    }

    private static void checkIndex(PlanDocument doc, int index, String field) {
        if (index < 0 || index >= doc.tasks().size()) {
            throw new ValidationException(field, "There is no task " + index + " (the plan has tasks 0 to "
                    + (doc.tasks().size() - 1) + ").");
        }
    }

    private static String taskType(String value) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        if (!TASK_TYPE.matcher(v).matches()) {
            throw new ValidationException("task_type", "task_type must be a short word such as code, research, writing, analysis or local.");
        }
        return v;
    }

    private static String complexity(String value) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        if (!PlanTask.COMPLEXITIES.contains(v)) {
            throw new ValidationException("complexity", "complexity must be simple, medium or complex.");
        }
        return v;
    }
}
