package org.orchestration.ui.services;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.orchestration.ui.common.ContentView;
import org.orchestration.ui.common.ListItems;
import org.orchestration.ui.common.Route;
import org.orchestration.ui.common.StateOverlay;
import org.orchestration.ui.common.Styles;
import org.orchestration.core.monitor.ServiceHealth;
import org.orchestration.core.monitor.ToolState;

/** Services health and tools. */
public final class ServicesView implements ContentView {

    private final ServicesViewModel vm;

    @FXML private Button refresh;
    @FXML private StackPane healthBody;
    @FXML private FlowPane health;
    @FXML private StackPane toolsBody;
    @FXML private TableView<ToolState> tools;
    @FXML private TableColumn<ToolState, String> toolName;
    @FXML private TableColumn<ToolState, String> toolState;
    @FXML private TableColumn<ToolState, String> toolDescription;

    public ServicesView(ServicesViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        refresh.setOnAction(e -> vm.load());
        vm.health().dataProperty().addListener((o, a, list) -> {
            health.getChildren().clear();
            if (list != null) {
                for (ServiceHealth h : list) {
                    Label name = new Label(ServicesViewModel.name(h));
                    name.getStyleClass().add("section-title");
                    Label badge = Styles.badge(h.up() ? "Up" : "Down", h.up() ? "success" : "danger");
                    Label detail = new Label(h.up() ? h.latencyMs() + " ms" : h.lastError());
                    detail.setWrapText(true);
                    detail.getStyleClass().add("muted");
                    VBox card = new VBox(6, name, badge, detail);
                    card.getStyleClass().add("card");
                    card.setPrefWidth(240);
                    health.getChildren().add(card);
                }
            }
        });
        StateOverlay.attach(healthBody, vm.health(), "No services configured.");
        tools.itemsProperty().bind(ListItems.of(vm.tools()));
        toolName.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().name()));
        toolState.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().available() ? "Available"
                : "Unavailable" + (c.getValue().note() == null ? "" : " — " + c.getValue().note())));
        toolDescription.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().description()));
        toolState.setCellFactory(column -> withFullTextTooltip());
        toolDescription.setCellFactory(column -> withFullTextTooltip());
        StateOverlay.attach(toolsBody, vm.tools(), "No tools registered.");
    }

    @Override
    public void onShow(Route route) {
        vm.load();
    }

    /** A text cell whose tooltip shows the whole text, for columns too narrow for a long reason. */
    private static TableCell<ToolState, String> withFullTextTooltip() {
        return new TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                setTooltip(empty || text == null || text.isEmpty() ? null : new Tooltip(text));
            }
        };
    }
}
