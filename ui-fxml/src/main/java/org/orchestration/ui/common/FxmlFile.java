package org.orchestration.ui.common;

/** Every FXML of the app, in one place. */
public enum FxmlFile {
    MAIN_WINDOW("main/MainWindow.fxml"),
    FIRST_RUN("firstrun/FirstRun.fxml"),
    SIGN_IN("signin/SignIn.fxml"),
    DASHBOARD("dashboard/Dashboard.fxml"),
    PROJECT("project/Project.fxml"),
    TASK("task/Task.fxml"),
    USAGE("usage/Usage.fxml"),
    KNOWLEDGE("knowledge/Knowledge.fxml"),
    SERVICES("services/Services.fxml"),
    SETTINGS("settings/Settings.fxml"),
    USERS("users/Users.fxml"),
    ERROR("error/Error.fxml"),
    NOT_FOUND("error/NotFound.fxml");

    private final String path;

    FxmlFile(String relative) {
        this.path = "/org/orchestration/ui/" + relative;
    }

    public String path() {
        return path;
    }
}
