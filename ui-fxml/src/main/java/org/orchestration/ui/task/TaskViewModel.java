package org.orchestration.ui.task;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.orchestration.core.errors.NotFoundException;
import org.orchestration.core.execution.Executor;
import org.orchestration.core.execution.TaskFile;
import org.orchestration.core.execution.TaskReport;
import org.orchestration.core.execution.TaskReports;
import org.orchestration.core.tasks.TaskHistory;
import org.orchestration.ui.common.Format;
import org.orchestration.ui.common.Loadable;
import org.orchestration.ui.common.Session;
import org.orchestration.ui.common.UiTasks;

/** One task: what it was asked, what it produced, how it went; Retry with its reason when blocked. */
public final class TaskViewModel {

    private final TaskReports reports;
    private final Executor executor;
    private final Session session;
    private final UiTasks tasks;
    private final Consumer<Path> fileOpener;
    private final Loadable<TaskReport> task;
    private final ReadOnlyStringWrapper modelLabel = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper usage = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper canRetry = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper retryReason = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper attemptsText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private String taskId;

    public TaskViewModel(TaskReports reports, Executor executor, Session session, UiTasks tasks, Consumer<Path> fileOpener) {
        this.reports = reports;
        this.executor = executor;
        this.session = session;
        this.tasks = tasks;
        this.fileOpener = fileOpener;
        this.task = new Loadable<>(tasks, t -> false);
        task.dataProperty().addListener((o, a, t) -> {
            if (t == null) {
                return;
            }
            modelLabel.set(t.simulated() ? "Simulated" : t.provider() + " · " + t.model());
            usage.set(Format.tokens(t.inputTokens()) + " in · " + Format.tokens(t.outputTokens()) + " out · "
                    + Format.money(t.costMicros()));
            attemptsText.set(t.attempts().size() + " of " + t.maxAttempts() + " attempts");
            String reason = t.retryBlockedReason() != null ? t.retryBlockedReason()
                    : t.attempts().size() >= t.maxAttempts()
                    ? "This task already used all " + t.maxAttempts() + " attempts." : "";
            retryReason.set(reason);
            canRetry.set(reason.isEmpty());
        });
    }

    public Loadable<TaskReport> task() { return task; }
    /** "Simulated" for the Simulated provider, else "provider · model". */
    public ReadOnlyStringProperty modelLabelProperty() { return modelLabel.getReadOnlyProperty(); }
    public String getModelLabel() { return modelLabel.get(); }
    public ReadOnlyStringProperty usageProperty() { return usage.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty canRetryProperty() { return canRetry.getReadOnlyProperty(); }
    public boolean isCanRetry() { return canRetry.get(); }
    public ReadOnlyStringProperty retryReasonProperty() { return retryReason.getReadOnlyProperty(); }
    public String getRetryReason() { return retryReason.get(); }
    public ReadOnlyStringProperty attemptsTextProperty() { return attemptsText.getReadOnlyProperty(); }
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    public String getMessage() { return message.get(); }

    public void open(String id) {
        this.taskId = id;
        task.load(() -> reports.report(session.user(), id));
    }

    public void retry() {
        if (!canRetry.get()) {
            message.set(retryReason.get());
            return;
        }
        tasks.run(() -> executor.retryTask(session.user(), taskId))
                .onSuccess(v -> {
                    message.set("Retry queued.");
                    task.reload();
                })
                .onError(message::set)
                .start();
    }

    /** Opens a file the task wrote with the desktop's application for it. */
    public void openFile(TaskFile file) {
        open(file.location(), "“" + file.path() + "” no longer exists in the workspace; it was moved or deleted.", false);
    }

    /** Opens the workspace folder that holds a file the task wrote. */
    public void showInFolder(TaskFile file) {
        open(file.location(), "The folder of “" + file.path() + "” no longer exists in the workspace.", true);
    }

    private void open(Path file, String missing, boolean folder) {
        tasks.run(() -> {
                    Path target = folder ? file.getParent() : file;
                    if (target == null || !Files.exists(target)) {
                        throw new NotFoundException(missing);
                    }
                    fileOpener.accept(target);
                })
                .onError(message::set).start();
    }

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    /** One attempt as a line: "#2 · 2026-11-24 10:00:01 → 10:00:04 (3 s) · completed", with " — error" when there is one. */
    public static String describe(TaskHistory.Attempt a) {
        StringBuilder s = new StringBuilder("#").append(a.number());
        if (a.startedAt() != null) {
            s.append(" · ").append(WHEN.format(a.startedAt()));
            if (a.endedAt() != null) {
                long secs = Math.max(0, Duration.between(a.startedAt(), a.endedAt()).toSeconds());
                s.append(" → ").append(TIME.format(a.endedAt())).append(" (")
                        .append(secs < 60 ? secs + " s" : secs / 60 + " min " + secs % 60 + " s").append(')');
            }
        }
        s.append(" · ").append(a.outcome().label());
        if (a.error() != null && !a.error().isBlank()) {
            s.append(" — ").append(a.error());
        }
        return s.toString();
    }
}
