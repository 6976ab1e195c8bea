package org.orchestration.core.execution;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.orchestration.core.events.EngineEvent;
import org.orchestration.core.events.LogMessage;
import org.orchestration.core.events.ProjectStatusChanged;
import org.orchestration.core.events.StoredEvent;
import org.orchestration.core.events.TaskStatusChanged;
import org.orchestration.core.events.TaskWaiting;
import org.orchestration.core.model.TaskStatus;

/**
 * The run view's log lines. The engine publishes {@code LogMessage} events for some things and
 * status events for the rest; this turns task and project status changes (and budget waits) into
 * log lines too, so the log tells the story of a run. Used for the snapshot and for live events alike.
 */
public final class RunLog {

    private RunLog() {
    }

    /**
     * The log line for an event, if it is one the log shows.
     *
     * @param titleOf a task's title by id, for status events that carry none (null when unknown)
     */
    public static Optional<LogMessage> lineFor(EngineEvent e, Function<String, String> titleOf) {
        if (e instanceof LogMessage m) {
            return Optional.of(m);
        }
        if (e instanceof TaskStatusChanged s) {
            return Optional.of(taskStatus(s, titleOf));
        }
        if (e instanceof TaskWaiting w) {
            return Optional.of(new LogMessage(w.projectId(), "warn", w.message() != null ? w.message() : "Waiting for budget.",
                    w.taskId()));
        }
        if (e instanceof ProjectStatusChanged p) {
            return Optional.of(new LogMessage(p.projectId(), "info", "Project " + lower(p.status().name())
                    + (p.reason() != null ? ": " + p.reason() : "") + ".", null));
        }
        return Optional.empty();
    }

    /** The event as a line of the run log, if it is one the log shows ({@link #lineFor}). */
    public static Optional<LogLine> logLine(StoredEvent e, Function<String, String> titleOf) {
        return lineFor(e.event(), titleOf).map(line -> new LogLine(e.at(), line.level() == null ? "info" : line.level(),
                line.taskId(), line.message() == null ? "" : line.message()));
    }

    private static LogMessage taskStatus(TaskStatusChanged s, Function<String, String> titleOf) {
        String title = s.title() == null ? "" : s.title();
        if (title.isEmpty() && s.taskId() != null) {
            String known = titleOf.apply(s.taskId());
            title = known == null ? "" : known;
        }
        StringBuilder message = new StringBuilder(title.isEmpty() ? "A task" : "\"" + title + "\"");
        message.append(" is ").append(lower(s.status().name()));
        if (s.attempt() != null) {
            message.append(" (attempt ").append(s.attempt()).append(')');
        }
        if (s.error() != null) {
            message.append(": ").append(s.error());
        } else if (s.note() != null) {
            message.append(": ").append(s.note());
        }
        String level = s.status() == TaskStatus.FAILED ? "error" : s.status() == TaskStatus.CANCELLED ? "warn" : "info";
        return new LogMessage(s.projectId(), level, message.append('.').toString(), s.taskId());
    }

    private static String lower(String status) {
        return status.toLowerCase(Locale.ROOT);
    }
}
