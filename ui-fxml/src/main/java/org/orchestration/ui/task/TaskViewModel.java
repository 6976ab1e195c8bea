package org.orchestration.ui.task;

import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.orchestration.ui.common.Format;
import org.orchestration.ui.common.Loadable;
import org.orchestration.ui.common.Session;
import org.orchestration.ui.common.UiTasks;
import org.orchestration.ui.port.TaskDetail;
import org.orchestration.ui.port.TasksPort;

/** One task: what it was asked, what it produced, how it went; Retry with its reason when blocked. */
public final class TaskViewModel {

    private final TasksPort port;
    private final Session session;
    private final UiTasks tasks;
    private final Consumer<Path> fileOpener;
    private final Loadable<TaskDetail> task;
    private final ReadOnlyStringWrapper modelLabel = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper usage = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper canRetry = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper retryReason = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper attemptsText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private String taskId;

    public TaskViewModel(TasksPort port, Session session, UiTasks tasks, Consumer<Path> fileOpener) {
        this.port = port;
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

    public Loadable<TaskDetail> task() { return task; }
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
        task.load(() -> port.task(session.user(), id));
    }

    public void retry() {
        if (!canRetry.get()) {
            message.set(retryReason.get());
            return;
        }
        tasks.run(() -> port.retry(session.user(), taskId))
                .onSuccess(v -> {
                    message.set("Retry queued.");
                    task.reload();
                })
                .onError(message::set)
                .start();
    }

    public void openFile(Path file) {
        tasks.run(() -> fileOpener.accept(file)).onError(message::set).start();
    }
}
