package org.orchestration.ui.common;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2OutlinedAL;

/**
 * Shows a {@link Loadable}'s state over a content node: a spinner while loading, the error
 * sentence with "Try again", a friendly empty message, or the content itself.
 */
public final class StateOverlay {

    private StateOverlay() {
    }

    public static void attach(StackPane host, Loadable<?> loadable, String emptyText) {
        Node content = host.getChildren().isEmpty() ? null : host.getChildren().get(0);

        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setMaxSize(36, 36);
        VBox loading = box(spinner, new Label("Loading…"));

        Label errorText = new Label();
        errorText.getStyleClass().add("state-error");
        errorText.setWrapText(true);
        errorText.textProperty().bind(loadable.errorProperty());
        Button retry = new Button("Try again");
        retry.setOnAction(e -> loadable.reload());
        VBox error = box(new FontIcon(Material2AL.ERROR_OUTLINE), errorText, retry);

        Label emptyLabel = new Label(emptyText);
        emptyLabel.setWrapText(true);
        VBox empty = box(new FontIcon(Material2OutlinedAL.INBOX), emptyLabel);
        empty.getStyleClass().add("state-empty");

        host.getChildren().addAll(loading, error, empty);
        Runnable update = () -> {
            LoadState s = loadable.getState();
            loading.setVisible(s == LoadState.LOADING);
            error.setVisible(s == LoadState.ERROR);
            empty.setVisible(s == LoadState.EMPTY);
            if (content != null) {
                content.setVisible(s == LoadState.DATA || s == LoadState.IDLE);
            }
        };
        loadable.stateProperty().addListener((o, a, b) -> update.run());
        update.run();
    }

    private static VBox box(Node... children) {
        VBox box = new VBox(12, children);
        box.setAlignment(Pos.CENTER);
        box.setMaxWidth(480);
        box.getStyleClass().add("state-box");
        for (Node n : children) {
            if (n instanceof FontIcon icon) {
                icon.setIconSize(40);
                icon.getStyleClass().add("state-icon");
            }
        }
        return box;
    }
}
