package org.orchestration.ui.common;

import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextInputDialog;
import javafx.stage.Window;

/** Confirmation and prompt dialogs, styled by the theme. Destructive actions always confirm. */
public final class Dialogs {

    private Dialogs() {
    }

    public static boolean confirm(Node owner, String title, String text, String confirmLabel) {
        return confirm(owner, title, text, confirmLabel, ButtonType.CANCEL);
    }

    /**
     * {@link #confirm(Node, String, String, String)} with the other button named too, where
     * "Cancel" would be ambiguous (cancelling a run: "Cancel run" / "Keep running").
     */
    public static boolean confirm(Node owner, String title, String text, String confirmLabel, String dismissLabel) {
        return confirm(owner, title, text, confirmLabel, new ButtonType(dismissLabel, ButtonBar.ButtonData.CANCEL_CLOSE));
    }

    private static boolean confirm(Node owner, String title, String text, String confirmLabel, ButtonType dismiss) {
        ButtonType confirm = new ButtonType(confirmLabel, ButtonBar.ButtonData.OK_DONE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, text, confirm, dismiss);
        alert.initOwner(window(owner));
        alert.setTitle(title);
        alert.setHeaderText(title);
        alert.getDialogPane().lookupButton(confirm).getStyleClass().add("danger");
        return alert.showAndWait().filter(b -> b == confirm).isPresent();
    }

    public static Optional<String> prompt(Node owner, String title, String label, String initial) {
        TextInputDialog d = new TextInputDialog(initial);
        d.initOwner(window(owner));
        d.setTitle(title);
        d.setHeaderText(title);
        d.setContentText(label);
        return d.showAndWait();
    }

    private static Window window(Node n) {
        return n == null || n.getScene() == null ? null : n.getScene().getWindow();
    }
}
