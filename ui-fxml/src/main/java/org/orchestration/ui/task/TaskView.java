package org.orchestration.ui.task;

import javafx.geometry.Pos;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.orchestration.core.execution.TaskFile;
import org.orchestration.core.execution.TaskReport;
import org.orchestration.core.tasks.TaskDetail;
import org.orchestration.core.tasks.TaskHistory;
import org.orchestration.ui.common.ContentView;
import org.orchestration.ui.common.Navigator;
import org.orchestration.ui.common.Route;
import org.orchestration.ui.common.Shortcuts;
import org.orchestration.ui.common.StateOverlay;
import org.orchestration.ui.common.Styles;

/** One task's details. */
public final class TaskView implements ContentView {

    private final TaskViewModel vm;
    private final Navigator navigator;
    private final Shortcuts shortcuts = new Shortcuts();

    @FXML private Hyperlink back;
    @FXML private StackPane body;
    @FXML private Label title;
    @FXML private Label statusBadge;
    @FXML private Label modelBadge;
    @FXML private Button retry;
    @FXML private Label retryReason;
    @FXML private Label message;
    @FXML private Label usage;
    @FXML private Label attempts;
    @FXML private Label description;
    @FXML private StackPane output;
    @FXML private Label context;
    @FXML private VBox toolCalls;
    @FXML private VBox attemptList;
    @FXML private VBox files;

    public TaskView(TaskViewModel vm, Navigator navigator) {
        this.vm = vm;
        this.navigator = navigator;
    }

    @FXML
    private void initialize() {
        StateOverlay.attach(body, vm.task(), "");
        vm.task().notFoundProperty().addListener((o, a, nf) -> {
            if (nf) {
                navigator.go(new Route.NotFound("task"));
            }
        });
        usage.textProperty().bind(vm.usageProperty());
        attempts.textProperty().bind(vm.attemptsTextProperty());
        modelBadge.textProperty().bind(vm.modelLabelProperty());
        retry.disableProperty().bind(vm.canRetryProperty().not());
        retryReason.textProperty().bind(vm.retryReasonProperty());
        retry.setOnAction(e -> vm.retry());
        message.textProperty().bind(vm.messageProperty());
        vm.task().dataProperty().addListener((o, a, t) -> {
            if (t != null) {
                show(t);
            }
        });
        shortcuts.add("Shortcut+R", vm::retry);
    }

    private void show(TaskReport t) {
        back.setText(t.projectName());
        back.setOnAction(e -> navigator.go(new Route.Project(t.projectId())));
        title.setText(t.title());
        statusBadge.setText(Styles.label(t.status()));
        statusBadge.getStyleClass().setAll("label", "badge", "badge-" + Styles.stateOf(t.status()));
        modelBadge.getStyleClass().setAll("label", "badge", t.simulated() ? "badge-warning" : "badge-neutral");
        description.setText(t.description());
        output.getChildren().setAll(t.outputMarkdown().isBlank()
                ? muted("No output yet.") : MarkdownView.render(t.outputMarkdown()));
        context.setText(t.promptContext());
        toolCalls.getChildren().clear();
        for (TaskDetail.ToolCall c : t.toolCalls()) {
            Label in = new Label(c.input());
            in.getStyleClass().add("mono");
            in.setWrapText(true);
            Label out = new Label(c.result() == null ? "" : c.result());
            out.setWrapText(true);
            if (c.isError()) {
                out.getStyleClass().add("field-error");
            }
            TitledPane pane = new TitledPane(c.toolName() + (c.isError() ? " · failed" : ""), new VBox(6, in, out));
            pane.setExpanded(false);
            toolCalls.getChildren().add(pane);
        }
        if (t.toolCalls().isEmpty()) {
            toolCalls.getChildren().add(muted("No tool calls."));
        }
        attemptList.getChildren().clear();
        for (TaskHistory.Attempt a : t.attempts()) {
            Label l = new Label(TaskViewModel.describe(a));
            l.setWrapText(true);
            l.getStyleClass().add("attempt");
            if (a.error() != null) {
                l.getStyleClass().add("field-error");
            }
            attemptList.getChildren().add(l);
        }
        if (t.attempts().isEmpty()) {
            attemptList.getChildren().add(muted("Not run yet."));
        }
        files.getChildren().clear();
        for (TaskFile f : t.filesWritten()) {
            Label name = new Label(f.path(), new FontIcon(Material2AL.INSERT_DRIVE_FILE));
            name.getStyleClass().addAll("mono", "written-file");
            name.setTooltip(new Tooltip(f.location().toString()));
            Button open = new Button("Open");
            open.getStyleClass().addAll("open-file", "small");
            open.setOnAction(e -> vm.openFile(f));
            Button reveal = new Button("Show in folder", new FontIcon(Material2AL.FOLDER_OPEN));
            reveal.getStyleClass().addAll("show-in-folder", "flat", "small");
            reveal.setOnAction(e -> vm.showInFolder(f));
            Region gap = new Region();
            HBox.setHgrow(gap, Priority.ALWAYS);
            HBox row = new HBox(8, name, gap, open, reveal);
            row.setAlignment(Pos.CENTER_LEFT);
            files.getChildren().add(row);
        }
        if (t.filesWritten().isEmpty()) {
            files.getChildren().add(muted("This task wrote no files."));
        }
    }

    private static Label muted(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("muted");
        return l;
    }

    @Override
    public void onShow(Route route) {
        vm.open(((Route.Task) route).taskId());
        shortcuts.install(body);
    }

    @Override
    public void onHide() {
        shortcuts.uninstall();
    }
}
