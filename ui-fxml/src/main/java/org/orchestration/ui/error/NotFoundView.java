package org.orchestration.ui.error;

import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import org.orchestration.ui.common.ContentView;
import org.orchestration.ui.common.Navigator;
import org.orchestration.ui.common.Route;

/** Shown for a deep link to a missing project or task. */
public final class NotFoundView implements ContentView {

    private final Navigator navigator;

    @FXML private Label title;
    @FXML private Button home;

    public NotFoundView(Navigator navigator) {
        this.navigator = navigator;
    }

    @FXML
    private void initialize() {
        home.setOnAction(e -> navigator.go(new Route.Dashboard()));
    }

    @Override
    public void onShow(Route route) {
        String what = route instanceof Route.NotFound nf ? nf.what() : "page";
        title.setText("This " + what + " was not found");
    }
}
