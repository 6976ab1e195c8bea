package org.orchestration.core.planning;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.orchestration.core.model.Bounds;

/**
 * Checks an extracted plan JSON against the plan schema and turns it into a {@link PlanDocument}.
 * Harmless slips are repaired (missing priority -> 50, missing complexity -> medium, a task list
 * given without its wrapper, control characters in titles, over-long texts cut to their bound);
 * anything else is a {@link PlanningException} listing the first problems by task number.
 * Dependency references are kept as written: the decomposer reports bad ones as warnings.
 */
public final class PlanReader {

    /** More than this and the message stops listing problems. */
    private static final int MAX_LISTED_PROBLEMS = 5;
    /** An estimate above this is a model mistake, not a real task size. */
    static final long MAX_ESTIMATED_TOKENS = 1_000_000;
    private static final String DEFAULT_TASK_TYPE = "general";

    private PlanReader() {
    }

    /**
     * @param maxTasks the configured cap (planning.max_tasks)
     * @throws PlanningException naming what is wrong
     */
    public static PlanDocument read(JsonNode root, int maxTasks) {
        JsonNode plan = root;
        if (plan.isObject() && !plan.has("tasks") && plan.path("plan").isObject()) {
            plan = plan.get("plan");
        }
        JsonNode tasksNode = plan.isArray() ? plan : plan.path("tasks");
        if (!tasksNode.isArray()) {
            throw new PlanningException("The plan has no \"tasks\" list.");
        }
        if (tasksNode.isEmpty()) {
            throw new PlanningException("The plan has no tasks.");
        }
        if (tasksNode.size() > maxTasks) {
            throw new PlanningException("The plan has " + tasksNode.size() + " tasks; at most " + maxTasks
                    + " are allowed (planning.max_tasks). Split the requirements into smaller projects or raise the limit.");
        }
        List<String> problems = new ArrayList<>();
        List<PlanTask> tasks = new ArrayList<>();
        for (int i = 0; i < tasksNode.size(); i++) {
            PlanTask t = readTask(tasksNode.get(i), i, problems);
            if (t != null) {
                tasks.add(t);
            }
        }
        if (!problems.isEmpty()) {
            List<String> listed = problems.subList(0, Math.min(MAX_LISTED_PROBLEMS, problems.size()));
            String more = problems.size() > listed.size() ? " (and " + (problems.size() - listed.size()) + " more)" : "";
            throw new PlanningException("The plan does not match the expected format: " + String.join("; ", listed) + more + ".");
        }
        String summary = plan.isObject() ? text(plan.path("summary")) : "";
        return new PlanDocument(summary, phases(plan.path("phases")), tasks);
    }

    private static PlanTask readTask(JsonNode node, int index, List<String> problems) {
        String where = "task " + (index + 1);
        if (!node.isObject()) {
            problems.add(where + " is not an object");
            return null;
        }
        int before = problems.size();
        String title = cleanTitle(text(node.path("title")));
        if (title.isEmpty()) {
            problems.add(where + " has no title");
        }
        String description = truncate(text(node.path("description")), Bounds.TASK_DESCRIPTION_MAX);

        String taskType = text(node.path("task_type")).toLowerCase(Locale.ROOT);
        if (taskType.isEmpty()) {
            taskType = DEFAULT_TASK_TYPE;
        }
        String complexity = text(node.path("complexity")).toLowerCase(Locale.ROOT);
        if (complexity.isEmpty()) {
            complexity = "medium";
        } else if (!PlanTask.COMPLEXITIES.contains(complexity)) {
            problems.add(where + " has complexity \"" + complexity + "\" (expected simple, medium or complex)");
        }

        int priority = 50;
        JsonNode p = node.path("priority");
        if (!p.isMissingNode() && !p.isNull()) {
            if (!p.canConvertToExactIntegral() || p.asLong() < Bounds.PRIORITY_MIN || p.asLong() > Bounds.PRIORITY_MAX) {
                problems.add(where + " has priority " + p + " (expected a whole number from 0 to 100)");
            } else {
                priority = p.asInt();
            }
        }

        List<JsonNode> dependsOn = new ArrayList<>();
        JsonNode deps = node.path("depends_on");
        if (deps.isArray()) {
            deps.forEach(dependsOn::add);
        } else if (!deps.isMissingNode() && !deps.isNull()) {
            dependsOn.add(deps); // a single reference without its list: keep it, the decomposer checks it
        }

        List<String> tools = new ArrayList<>();
        JsonNode toolsNode = node.path("tools");
        if (toolsNode.isArray()) {
            for (JsonNode tool : toolsNode) {
                if (tool.isTextual() && !tool.asText().isBlank()) {
                    tools.add(tool.asText().strip());
                } else {
                    problems.add(where + " lists a tool that is not a name: " + tool);
                }
            }
        } else if (!toolsNode.isMissingNode() && !toolsNode.isNull()) {
            problems.add(where + " has \"tools\" that is not a list");
        }

        long estimated = PlanTask.defaultEstimatedTokens(PlanTask.COMPLEXITIES.contains(complexity) ? complexity : "medium");
        JsonNode est = node.path("estimated_tokens");
        if (!est.isMissingNode() && !est.isNull()) {
            if (!est.canConvertToExactIntegral() || est.asLong() < 0 || est.asLong() > MAX_ESTIMATED_TOKENS) {
                problems.add(where + " has estimated_tokens " + est + " (expected a whole number from 0 to " + MAX_ESTIMATED_TOKENS + ")");
            } else {
                estimated = est.asLong();
            }
        }

        Integer maxTokens = null;
        JsonNode mt = node.path("max_tokens");
        if (!mt.isMissingNode() && !mt.isNull()) {
            if (!mt.canConvertToExactIntegral() || mt.asLong() < Bounds.MAX_TOKENS_MIN || mt.asLong() > Bounds.MAX_TOKENS_MAX) {
                problems.add(where + " has max_tokens " + mt + " (expected 1 to " + Bounds.MAX_TOKENS_MAX + ")");
            } else {
                maxTokens = mt.asInt();
            }
        }
        String phase = text(node.path("phase"));
        if (problems.size() > before) {
            return null;
        }
        return new PlanTask(title, description, taskType, complexity, priority, dependsOn, tools, estimated, maxTokens,
                phase.isEmpty() ? null : phase, null, null);
    }

    private static List<PlanPhase> phases(JsonNode node) {
        List<PlanPhase> out = new ArrayList<>();
        if (!node.isArray()) {
            return out;
        }
        for (JsonNode ph : node) {
            if (ph.isTextual()) {
                out.add(new PlanPhase(ph.asText(), ""));
            } else if (ph.isObject()) {
                out.add(new PlanPhase(text(ph.path("name")), text(ph.path("description"))));
            }
        }
        return out;
    }

    private static String text(JsonNode n) {
        return n.isValueNode() && !n.isNull() ? n.asText().strip() : "";
    }

    /** Models sometimes put newlines or tabs in titles; a title is one line. */
    private static String cleanTitle(String title) {
        StringBuilder sb = new StringBuilder();
        title.codePoints().forEach(cp -> sb.appendCodePoint(Character.isISOControl(cp) ? ' ' : cp));
        return truncate(sb.toString().strip(), Bounds.TASK_TITLE_MAX);
    }

    private static String truncate(String s, int maxCodePoints) {
        if (s.codePointCount(0, s.length()) <= maxCodePoints) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, maxCodePoints));
    }
}
