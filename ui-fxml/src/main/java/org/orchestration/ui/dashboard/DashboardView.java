package org.orchestration.ui.dashboard;

import java.time.Clock;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.orchestration.core.projects.ProjectSummary;
import org.orchestration.ui.common.ContentView;
import org.orchestration.ui.common.Dialogs;
import org.orchestration.ui.common.Format;
import org.orchestration.ui.common.Navigator;
import org.orchestration.ui.common.Route;
import org.orchestration.ui.common.Shortcuts;
import org.orchestration.ui.common.StateOverlay;
import org.orchestration.ui.common.Styles;

/** Projects dashboard. */
public final class DashboardView implements ContentView {

    private final DashboardViewModel vm;
    private final Navigator navigator;
    private final Clock clock;
    private final Shortcuts shortcuts = new Shortcuts();

    @FXML private TextField search;
    @FXML private ComboBox<String> tagFilter;
    @FXML private TableColumn<ProjectSummary, String> tagsCol;
    @FXML private TextField newName;
    @FXML private Button create;
    @FXML private Label actionError;
    @FXML private StackPane body;
    @FXML private TableView<ProjectSummary> table;
    @FXML private TableColumn<ProjectSummary, String> nameCol;
    @FXML private TableColumn<ProjectSummary, ProjectSummary> statusCol;
    @FXML private TableColumn<ProjectSummary, ProjectSummary> progressCol;
    @FXML private TableColumn<ProjectSummary, String> spendCol;
    @FXML private TableColumn<ProjectSummary, String> activityCol;
    @FXML private TableColumn<ProjectSummary, ProjectSummary> actionsCol;

    public DashboardView(DashboardViewModel vm, Navigator navigator, Clock clock) {
        this.vm = vm;
        this.navigator = navigator;
        this.clock = clock;
    }

    @FXML
    private void initialize() {
        vm.setOnOpen(id -> navigator.go(new Route.Project(id)));
        search.textProperty().bindBidirectional(vm.filterProperty());
        tagFilter.setItems(tagChoices());
        tagFilter.valueProperty().addListener((o, a, b) -> vm.tagFilterProperty().set(b == null || b.equals(ALL_TAGS) ? "" : b));
        tagsCol.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(String.join(", ", c.getValue().tags())));
        actionError.textProperty().bind(vm.actionErrorProperty());
        create.disableProperty().bind(newName.textProperty().isEmpty());
        create.setOnAction(e -> vm.create(newName.getText()));
        table.setItems(vm.visibleProjects());
        nameCol.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().name()));
        spendCol.setCellValueFactory(c -> {
            Long budget = c.getValue().budgetLimitMicros();
            String spent = Format.money(c.getValue().spentMicros());
            return new ReadOnlyObjectWrapper<>(budget != null && budget > 0 ? spent + " / " + Format.money(budget) : spent);
        });
        activityCol.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(Format.ago(c.getValue().lastActivity(), clock.instant())));
        statusCol.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        statusCol.setCellFactory(col -> graphicCell(p -> Styles.badge(Styles.label(p.status()), Styles.stateOf(p.status()))));
        progressCol.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        progressCol.setCellFactory(col -> graphicCell(p -> {
            ProgressBar bar = new ProgressBar(p.progress());
            bar.setPrefWidth(100);
            Label text = new Label(p.completedTasks() + " / " + p.totalTasks());
            text.getStyleClass().add("muted");
            HBox box = new HBox(8, bar, text);
            box.setAlignment(Pos.CENTER_LEFT);
            return box;
        }));
        actionsCol.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        actionsCol.setCellFactory(col -> graphicCell(p -> {
            Button rename = iconButton(Material2AL.EDIT, "Rename");
            rename.setOnAction(e -> Dialogs.prompt(table, "Rename project", "New name", p.name())
                    .ifPresent(n -> vm.rename(p.id(), n)));
            Button delete = iconButton(Material2AL.DELETE, "Delete");
            delete.getStyleClass().add("danger");
            delete.setOnAction(e -> {
                if (Dialogs.confirm(table, "Delete “" + p.name() + "”?",
                        "The project, its plan, tasks and logs are deleted. This cannot be undone.", "Delete")) {
                    vm.delete(p.id());
                }
            });
            return new HBox(4, rename, delete);
        }));
        table.setRowFactory(t -> {
            TableRow<ProjectSummary> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    vm.open(row.getItem().id());
                }
            });
            return row;
        });
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && table.getSelectionModel().getSelectedItem() != null) {
                vm.open(table.getSelectionModel().getSelectedItem().id());
            }
        });
        table.setPlaceholder(new Label("No project matches the search."));
        StateOverlay.attach(body, vm.projects(), "No projects yet. Name one above and press Create project.");
        shortcuts.add("Shortcut+N", newName::requestFocus).add("Shortcut+F", search::requestFocus);
    }

    private static final String ALL_TAGS = "All tags";

    /** "All tags" first, then the tags of the projects. */
    private ObservableList<String> tagChoices() {
        ObservableList<String> choices = FXCollections.observableArrayList(ALL_TAGS);
        vm.tags().addListener((ListChangeListener<String>) c -> {
            String chosen = tagFilter.getValue();
            choices.setAll(ALL_TAGS);
            choices.addAll(vm.tags());
            tagFilter.setValue(chosen);
        });
        return choices;
    }

    private static Button iconButton(Material2AL icon, String tip) {
        Button b = new Button(null, new FontIcon(icon));
        b.getStyleClass().addAll("flat", "button-icon");
        b.setTooltip(new Tooltip(tip));
        b.setAccessibleText(tip);
        return b;
    }

    private static <T> TableCell<ProjectSummary, T> graphicCell(Function<T, Node> render) {
        return new TableCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(null);
                setGraphic(empty || item == null ? null : render.apply(item));
            }
        };
    }

    @Override
    public void onShow(Route route) {
        vm.load();
        shortcuts.install(table);
    }

    @Override
    public void onHide() {
        shortcuts.uninstall();
    }
}
