package org.orchestration.core.execution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.orchestration.core.events.Event;
import org.orchestration.core.json.Json;

/**
 * The run view's log lines. The engine publishes {@code log} events for some things and status
 * events for the rest; this turns task and project status changes (and budget waits) into log
 * lines too, so the log tells the story of a run. Used for the snapshot and for live events alike.
 */
public final class RunLog {

    private RunLog() {
    }

    /**
     * The log payload ({level, message, taskId?}) for an event, if it is one the log shows.
     *
     * @param titleOf a task's title by id, for status events that carry none (null when unknown)
     */
    public static Optional<ObjectNode> lineFor(Event e, Function<String, String> titleOf) {
        JsonNode p = e.payload();
        return switch (e.type()) {
            case "log" -> Optional.of(p.deepCopy());
            case "task.status" -> Optional.of(taskStatus(p, titleOf));
            case "task.waiting" -> Optional.of(line("warn", p.path("taskId").asText(null),
                    p.path("message").asText("Waiting for budget.")));
            case "project.status" -> Optional.of(line("info", null, "Project " + lower(p.path("status").asText(""))
                    + (p.hasNonNull("reason") ? ": " + p.path("reason").asText() : "") + "."));
            default -> Optional.empty();
        };
    }

    /** The event as a line of the run log, if it is one the log shows ({@link #lineFor}). */
    public static Optional<LogLine> logLine(Event e, Function<String, String> titleOf) {
        return lineFor(e, titleOf).map(line -> new LogLine(e.at(), line.path("level").asText("info"),
                line.path("taskId").asText(null), line.path("message").asText("")));
    }

    private static ObjectNode taskStatus(JsonNode p, Function<String, String> titleOf) {
        String status = p.path("status").asText("");
        String title = p.path("title").asText("");
        if (title.isEmpty() && p.hasNonNull("taskId")) {
            String known = titleOf.apply(p.path("taskId").asText());
            title = known == null ? "" : known;
        }
        StringBuilder message = new StringBuilder(title.isEmpty() ? "A task" : "\"" + title + "\"");
        message.append(" is ").append(lower(status));
        if (p.hasNonNull("attempt")) {
            message.append(" (attempt ").append(p.path("attempt").asInt()).append(')');
        }
        if (p.hasNonNull("error")) {
            message.append(": ").append(p.path("error").asText());
        } else if (p.hasNonNull("note")) {
            message.append(": ").append(p.path("note").asText());
        }
        String level = "FAILED".equals(status) ? "error" : "CANCELLED".equals(status) ? "warn" : "info";
        return line(level, p.path("taskId").asText(null), message.append('.').toString());
    }

    private static ObjectNode line(String level, String taskId, String message) {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("level", level);
        if (taskId != null) {
            n.put("taskId", taskId);
        }
        n.put("message", message);
        return n;
    }

    private static String lower(String status) {
        return status.toLowerCase(Locale.ROOT);
    }
}
