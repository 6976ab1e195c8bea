package org.orchestration.core.execution;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.orchestration.core.json.Json;
import org.orchestration.core.llm.TokenEstimates;
import org.orchestration.core.tasks.TaskWork.DependencyOutput;

/**
 * Builds a task's prompt: project requirements, plan summary, the outputs of the tasks it depends
 * on (trimmed to {@link #DEPENDENCY_CONTEXT_TOKENS} in total, shared evenly) and the task itself.
 * Context is trimmed at a typical {@link #CHARS_PER_TOKEN} characters per token; the budget
 * reserves by upper bounds instead ({@link RoundReservation}).
 */
final class PromptBuilder {

    /** Token budget for all dependency outputs together. */
    static final int DEPENDENCY_CONTEXT_TOKENS = 8_000;
    /** Token budget for the project requirements. */
    static final int REQUIREMENTS_TOKENS = 6_000;
    /** Token budget for the plan context. */
    static final int PLAN_TOKENS = 2_000;
    static final int CHARS_PER_TOKEN = TokenEstimates.CHARS_PER_TOKEN;

    static final String SYSTEM = "You are one worker in an orchestrated project. Complete exactly the task you are given, "
            + "building on the results of earlier tasks. Use the offered tools when they help. "
            + "Reply with the task's result itself, ready to be used by the tasks that follow.";

    private PromptBuilder() {
    }

    static String userPrompt(String requirements, String planBody, List<DependencyOutput> deps, String title, String description) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Project requirements\n").append(trim(requirements, REQUIREMENTS_TOKENS)).append("\n\n");
        String plan = planContext(planBody);
        if (!plan.isBlank()) {
            sb.append("# Plan\n").append(trim(plan, PLAN_TOKENS)).append("\n\n");
        }
        if (!deps.isEmpty()) {
            int each = Math.max(200, DEPENDENCY_CONTEXT_TOKENS / deps.size());
            sb.append("# Results of the tasks this task depends on\n");
            for (DependencyOutput d : deps) {
                sb.append("## ").append(d.title()).append('\n').append(trim(d.output() == null ? "" : d.output(), each)).append("\n\n");
            }
        }
        sb.append("# Your task: ").append(title).append('\n').append(description == null ? "" : description).append('\n');
        return sb.toString();
    }

    /** The plan's summary and phase names when the body is the planner's JSON, else the body itself. */
    static String planContext(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        try {
            JsonNode n = Json.mapper().readTree(body);
            if (n != null && n.isObject()) {
                StringBuilder sb = new StringBuilder(n.path("summary").asText(""));
                JsonNode phases = n.path("phases");
                if (phases.isArray() && !phases.isEmpty()) {
                    sb.append(sb.length() > 0 ? "\n" : "").append("Phases:");
                    phases.forEach(p -> sb.append("\n- ").append(p.isTextual() ? p.asText() : p.path("name").asText("")));
                }
                return sb.toString();
            }
        } catch (JsonProcessingException e) {
            // not JSON: use the text as it is
        }
        return body;
    }

    /** Keeps the head of {@code text} within {@code tokens}, saying how much was left out. */
    static String trim(String text, int tokens) {
        int maxChars = tokens * CHARS_PER_TOKEN;
        if (text.length() <= maxChars) {
            return text;
        }
        return text.substring(0, maxChars) + "\n[... " + (text.length() - maxChars) + " more characters trimmed ...]";
    }
}
