package org.orchestration.ui.project;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.cell.ChoiceBoxTableCell;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2MZ;
import org.orchestration.core.execution.LogLine;
import org.orchestration.core.execution.RunTask;
import org.orchestration.core.model.PlanStatus;
import org.orchestration.core.planning.PlannedTask;
import org.orchestration.core.planning.TaskEdit;
import org.orchestration.ui.common.ContentView;
import org.orchestration.ui.common.Dialogs;
import org.orchestration.ui.common.Format;
import org.orchestration.ui.common.Navigator;
import org.orchestration.ui.common.Route;
import org.orchestration.ui.common.Shortcuts;
import org.orchestration.ui.common.StateOverlay;
import org.orchestration.ui.common.Styles;

/** The project screen: requirements, plan review, run. Thin: everything is forwarded to the view model. */
public final class ProjectView implements ContentView {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final ProjectViewModel vm;
    private final Navigator navigator;
    private final Shortcuts shortcuts = new Shortcuts();
    private boolean followLog = true;

    @FXML private Hyperlink back;
    @FXML private Label name;
    @FXML private TextField tags;
    @FXML private Button saveTags;
    @FXML private Label statusBadge;
    @FXML private Label message;
    @FXML private StackPane body;
    @FXML private TabPane tabs;
    @FXML private Tab requirementsTab;
    @FXML private Tab planTab;
    @FXML private Tab runTab;
    @FXML private TextArea requirements;
    @FXML private Label counter;
    @FXML private ProgressIndicator generatingSpinner;
    @FXML private Button cancelGenerate;
    @FXML private Button save;
    @FXML private Button generate;
    @FXML private Label planSummary;
    @FXML private Label forecast;
    @FXML private Button approve;
    @FXML private VBox warningsBox;
    @FXML private TableView<PlannedTask> planTable;
    @FXML private TableColumn<PlannedTask, String> keyCol;
    @FXML private TableColumn<PlannedTask, String> titleCol;
    @FXML private TableColumn<PlannedTask, String> complexityCol;
    @FXML private TableColumn<PlannedTask, String> depsCol;
    @FXML private TableColumn<PlannedTask, String> costCol;
    @FXML private TextArea descriptionEdit;
    @FXML private Label editError;
    @FXML private Button saveDescription;
    @FXML private DagView planGraph;
    @FXML private Button start;
    @FXML private Button pause;
    @FXML private Button resume;
    @FXML private Button cancelRun;
    @FXML private Label progress;
    @FXML private ProgressBar budgetGauge;
    @FXML private Label budgetText;
    @FXML private TableView<LiveTask> runTable;
    @FXML private TableColumn<LiveTask, String> runTitleCol;
    @FXML private TableColumn<LiveTask, RunTask> runStatusCol;
    @FXML private TableColumn<LiveTask, String> runTokensCol;
    @FXML private TableColumn<LiveTask, String> runCostCol;
    @FXML private DagView runGraph;
    @FXML private ListView<LogLine> log;

    public ProjectView(ProjectViewModel vm, Navigator navigator) {
        this.vm = vm;
        this.navigator = navigator;
    }

    @FXML
    private void initialize() {
        back.setOnAction(e -> navigator.go(new Route.Dashboard()));
        message.textProperty().bind(vm.messageProperty());
        vm.project().dataProperty().addListener((o, a, p) -> name.setText(p == null ? "" : p.name()));
        vm.statusProperty().addListener((o, a, s) -> showStatus());
        showStatus();
        vm.stageProperty().addListener((o, a, s) -> selectTab(s));
        vm.project().notFoundProperty().addListener((o, a, nf) -> {
            if (nf) {
                navigator.go(new Route.NotFound("project"));
            }
        });
        StateOverlay.attach(body, vm.project(), "");
        bindRequirements();
        bindPlan();
        bindRun();
        shortcuts.add("Shortcut+S", vm::saveRequirements)
                .add("Shortcut+G", vm::generatePlan)
                .add("Shortcut+Enter", vm::approve)
                .add("Shortcut+R", this::startOrResume)
                .add("Shortcut+P", vm::pause)
                .add("Escape", vm::cancelGeneration);
    }

    private void showStatus() {
        statusBadge.setText(Styles.label(vm.getStatus()));
        statusBadge.getStyleClass().setAll("label", "badge", "badge-" + Styles.stateOf(vm.getStatus()));
    }

    private void selectTab(ProjectStage s) {
        tabs.getSelectionModel().select(switch (s) {
            case REQUIREMENTS -> requirementsTab;
            case PLAN_REVIEW -> planTab;
            case RUN -> runTab;
        });
    }

    private void bindRequirements() {
        requirements.textProperty().bindBidirectional(vm.requirementsProperty());
        counter.textProperty().bind(vm.requirementsCounterProperty());
        vm.requirementsTooLongProperty().addListener((o, a, tooLong) -> {
            counter.getStyleClass().removeAll("field-error");
            if (tooLong) {
                counter.getStyleClass().add("field-error");
            }
        });
        generatingSpinner.visibleProperty().bind(vm.generatingProperty());
        cancelGenerate.visibleProperty().bind(vm.generatingProperty());
        cancelGenerate.setOnAction(e -> vm.cancelGeneration());
        save.disableProperty().bind(vm.requirementsDirtyProperty().not().or(vm.requirementsTooLongProperty()));
        save.setOnAction(e -> vm.saveRequirements());
        tags.textProperty().bindBidirectional(vm.tagsProperty());
        tags.setOnAction(e -> vm.saveTags());
        saveTags.setOnAction(e -> vm.saveTags());
        BooleanBinding canGenerate = Bindings.createBooleanBinding(vm::canGenerate, vm.generatingProperty(),
                vm.requirementsProperty(), vm.statusProperty());
        generate.disableProperty().bind(canGenerate.not());
        generate.textProperty().bind(Bindings.when(vm.generatingProperty()).then("Generating…")
                .otherwise(Bindings.when(vm.planProperty().isNull()).then("Generate plan").otherwise("Generate again")));
        generate.setOnAction(e -> vm.generatePlan());
    }

    private void bindPlan() {
        planTab.disableProperty().bind(vm.planProperty().isNull());
        vm.planProperty().addListener((o, a, p) -> {
            planSummary.setText(p == null ? "" : p.body().summary());
            planGraph.show(p == null ? List.of() : p.plannedTasks().stream().map(t -> new DagView.GraphNode(
                    String.valueOf(t.number()), t.title(), Format.moneyRange(t.costLowMicros(), t.costHighMicros()),
                    numbers(t.dependsOn()), null)).toList());
        });
        forecast.textProperty().bind(vm.forecastProperty());
        BooleanBinding canApprove = Bindings.createBooleanBinding(vm::canApprove, vm.planProperty(), vm.generatingProperty());
        approve.disableProperty().bind(canApprove.not());
        approve.setOnAction(e -> vm.approve());
        vm.warnings().addListener((ListChangeListener<String>) c -> showWarnings());
        showWarnings();

        planTable.setItems(vm.planTasks());
        planTable.editableProperty().bind(Bindings.createBooleanBinding(
                () -> vm.getPlan() != null && vm.getPlan().status() == PlanStatus.DRAFT, vm.planProperty()));
        keyCol.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(String.valueOf(c.getValue().number())));
        titleCol.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().title()));
        titleCol.setCellFactory(TextFieldTableCell.forTableColumn());
        titleCol.setOnEditCommit(e -> edit(e.getRowValue(), e.getNewValue(), e.getRowValue().description(),
                e.getRowValue().complexity()));
        complexityCol.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().complexity()));
        complexityCol.setCellFactory(ChoiceBoxTableCell.forTableColumn(
                FXCollections.observableArrayList("simple", "medium", "complex")));
        complexityCol.setOnEditCommit(e -> edit(e.getRowValue(), e.getRowValue().title(),
                e.getRowValue().description(), e.getNewValue()));
        depsCol.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(String.join(", ", numbers(c.getValue().dependsOn()))));
        costCol.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(
                Format.moneyRange(c.getValue().costLowMicros(), c.getValue().costHighMicros())));
        planTable.getSelectionModel().selectedItemProperty().addListener((o, a, t) -> {
            descriptionEdit.setText(t == null ? "" : t.description());
            editError.setText("");
        });
        descriptionEdit.disableProperty().bind(planTable.getSelectionModel().selectedItemProperty().isNull()
                .or(planTable.editableProperty().not()));
        saveDescription.disableProperty().bind(descriptionEdit.disableProperty());
        saveDescription.setOnAction(e -> {
            PlannedTask t = planTable.getSelectionModel().getSelectedItem();
            if (t != null) {
                edit(t, t.title(), descriptionEdit.getText(), t.complexity());
            }
        });
    }

    /** The 1-based numbers the window shows for 0-based task positions. */
    private static List<String> numbers(List<Integer> indexes) {
        return indexes.stream().map(i -> String.valueOf(i + 1)).toList();
    }

    private void edit(PlannedTask t, String title, String description, String complexity) {
        String problem = vm.editTask(t.index(), new TaskEdit(title, description, complexity));
        editError.setText(problem);
        if (!problem.isEmpty()) {
            planTable.refresh(); // show the old value again
        }
    }

    private void showWarnings() {
        warningsBox.getChildren().clear();
        for (String w : vm.warnings()) {
            Label l = new Label(w, new FontIcon(Material2MZ.WARNING));
            l.setWrapText(true);
            warningsBox.getChildren().add(l);
        }
        warningsBox.setVisible(!vm.warnings().isEmpty());
        warningsBox.setManaged(!vm.warnings().isEmpty());
    }

    private void bindRun() {
        runTab.disableProperty().bind(Bindings.createBooleanBinding(
                () -> vm.getStage() != ProjectStage.RUN, vm.stageProperty()));
        start.disableProperty().bind(Bindings.createBooleanBinding(vm::canStart, vm.statusProperty()).not());
        pause.disableProperty().bind(Bindings.createBooleanBinding(vm::canPause, vm.statusProperty()).not());
        resume.disableProperty().bind(Bindings.createBooleanBinding(vm::canResume, vm.statusProperty()).not());
        cancelRun.disableProperty().bind(Bindings.createBooleanBinding(vm::canCancel, vm.statusProperty()).not());
        start.setOnAction(e -> vm.start());
        pause.setOnAction(e -> vm.pause());
        resume.setOnAction(e -> vm.resume());
        cancelRun.setOnAction(e -> {
            if (Dialogs.confirm(cancelRun, "Cancel the run?",
                    "Running tasks are stopped and the remaining tasks will not run. Spend so far is kept.", "Cancel run", "Keep running")) {
                vm.cancelRun();
            }
        });
        progress.textProperty().bind(vm.progressTextProperty());
        budgetGauge.progressProperty().bind(vm.budgetFractionProperty());
        budgetText.textProperty().bind(vm.budgetTextProperty());
        vm.budgetFractionProperty().addListener((o, a, f) -> {
            budgetGauge.getStyleClass().removeAll("warning", "danger");
            if (f.doubleValue() >= 0.9) {
                budgetGauge.getStyleClass().add("danger");
            } else if (f.doubleValue() >= 0.7) {
                budgetGauge.getStyleClass().add("warning");
            }
        });

        runTable.setItems(vm.runTasks());
        runTitleCol.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().getRow().title()));
        runStatusCol.setCellValueFactory(c -> c.getValue().rowProperty());
        runStatusCol.setCellFactory(col -> new TableCell<>() {
            private final Label badge = Styles.badge("", "neutral");
            private String shown = "";

            @Override
            protected void updateItem(RunTask t, boolean empty) {
                super.updateItem(t, empty);
                if (empty || t == null) {
                    setGraphic(null);
                    return;
                }
                String state = Styles.stateOf(t.status());
                if (!state.equals(shown)) { // reuse the badge; restyle only on a state change
                    badge.getStyleClass().removeIf(c -> c.startsWith("badge-"));
                    badge.getStyleClass().add("badge-" + state);
                    shown = state;
                }
                badge.setText(Styles.label(t.status()));
                setGraphic(badge);
            }
        });
        runTokensCol.setCellValueFactory(c -> Bindings.createStringBinding(() -> Format.tokens(c.getValue().getRow().inputTokens())
                + " / " + Format.tokens(c.getValue().getRow().outputTokens()), c.getValue().rowProperty()));
        runCostCol.setCellValueFactory(c -> Bindings.createStringBinding(
                () -> Format.money(c.getValue().getRow().costMicros()), c.getValue().rowProperty()));
        runTable.setRowFactory(t -> {
            TableRow<LiveTask> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    navigator.go(new Route.Task(row.getItem().id()));
                }
            });
            return row;
        });
        runTable.setPlaceholder(new Label("Approve the plan to see its tasks here."));
        runGraph.setOnOpen(id -> navigator.go(new Route.Task(id)));
        vm.runVersionProperty().addListener((o, a, b) -> showRunGraph());

        log.setItems(vm.log());
        log.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(LogLine line, boolean empty) {
                super.updateItem(line, empty);
                setText(empty || line == null ? null : TIME.format(line.at()) + "  " + line.message());
            }
        });
        log.setPlaceholder(new Label("The run's log appears here."));
        vm.log().addListener((ListChangeListener<LogLine>) c -> {
            if (!vm.log().isEmpty() && followLog) {
                log.scrollTo(vm.log().size() - 1);
            }
        });
        // follow the tail unless the user scrolled up to read
        log.addEventFilter(javafx.scene.input.ScrollEvent.SCROLL, e -> followLog = e.getDeltaY() < 0);
    }

    private void showRunGraph() {
        runGraph.show(vm.runTasks().stream().map(LiveTask::getRow).map(t -> new DagView.GraphNode(t.id(), t.title(),
                Styles.label(t.status()) + " · " + Format.money(t.costMicros()), t.dependsOn(),
                Styles.stateOf(t.status()))).toList());
    }

    private void startOrResume() {
        if (vm.canResume()) {
            vm.resume();
        } else {
            vm.start();
        }
    }

    @Override
    public void onShow(Route route) {
        vm.open(((Route.Project) route).projectId());
        shortcuts.install(tabs);
    }

    @Override
    public void onHide() {
        shortcuts.uninstall();
        vm.close();
    }
}
