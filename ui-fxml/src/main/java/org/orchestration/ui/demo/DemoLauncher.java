package org.orchestration.ui.demo;

import javafx.application.Application;

/** {@code java -cp ... org.orchestration.ui.demo.DemoLauncher}: the UI against the demo backend. */
public final class DemoLauncher {

    private DemoLauncher() {
    }

    public static void main(String[] args) {
        Application.launch(DemoApp.class, args);
    }
}
