package org.orchestration.ui.error;

import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;

/** The global error view (shown in its own small window by the shell). */
public final class ErrorView {

    private final ErrorViewModel vm;

    @FXML private Label summary;
    @FXML private TextArea details;
    @FXML private javafx.scene.control.TitledPane detailsPane;
    @FXML private Button copy;
    @FXML private Button reload;

    public ErrorView(ErrorViewModel vm) {
        this.vm = vm;
    }

    public ErrorViewModel viewModel() {
        return vm;
    }

    @FXML
    private void initialize() {
        summary.textProperty().bind(vm.summaryProperty());
        details.textProperty().bind(vm.detailsProperty());
        copy.setOnAction(e -> vm.copyDetails());
        reload.setOnAction(e -> vm.reload());
        // the window fits its content: small until the details are opened
        detailsPane.expandedProperty().addListener((o, a, open) -> {
            if (detailsPane.getScene() != null && detailsPane.getScene().getWindow() != null) {
                detailsPane.getScene().getWindow().sizeToScene();
            }
        });
    }
}
