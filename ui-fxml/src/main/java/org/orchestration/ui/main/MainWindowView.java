package org.orchestration.ui.main;

import java.util.Map;
import java.util.function.Supplier;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.StackPane;
import org.orchestration.ui.common.ContentView;
import org.orchestration.ui.common.FxmlFile;
import org.orchestration.ui.common.Navigator;
import org.orchestration.ui.common.Route;
import org.orchestration.ui.common.Session;
import org.orchestration.ui.common.Shortcuts;
import org.orchestration.ui.common.ViewLoader;

/**
 * The shell: sidebar navigation and a content area that shows the navigator's current route.
 * Loading a screen is cheap (FXML + bindings); each screen loads its data off the FX thread.
 */
public final class MainWindowView {

    private final Navigator navigator;
    private final Session session;
    private final Supplier<ViewLoader> loader;
    private final boolean multiUser;
    private final Runnable onSignOut;
    private final Shortcuts shortcuts = new Shortcuts();
    private ContentView shown;

    @FXML private ToggleButton navProjects;
    @FXML private ToggleButton navUsage;
    @FXML private ToggleButton navKnowledge;
    @FXML private ToggleButton navServices;
    @FXML private ToggleButton navSettings;
    @FXML private ToggleButton navUsers;
    @FXML private Label userLabel;
    @FXML private Button signOut;
    @FXML private StackPane content;

    public MainWindowView(Navigator navigator, Session session, Supplier<ViewLoader> loader, boolean multiUser,
                          Runnable onSignOut) {
        this.navigator = navigator;
        this.session = session;
        this.loader = loader;
        this.multiUser = multiUser;
        this.onSignOut = onSignOut;
    }

    @FXML
    private void initialize() {
        ToggleGroup group = new ToggleGroup();
        Map<ToggleButton, Route> nav = Map.of(navProjects, new Route.Dashboard(), navUsage, new Route.Usage(),
                navKnowledge, new Route.Knowledge(), navServices, new Route.Services(), navSettings,
                new Route.Settings(), navUsers, new Route.Users());
        nav.forEach((button, route) -> {
            button.setToggleGroup(group);
            button.setOnAction(e -> navigator.go(route));
        });
        boolean admin = multiUser && session.isAdmin();
        navUsers.setVisible(admin);
        navUsers.setManaged(admin);
        signOut.setVisible(multiUser);
        signOut.setManaged(multiUser);
        signOut.setOnAction(e -> onSignOut.run());
        userLabel.setText(session.userProperty().get() == null ? "" : session.userProperty().get().displayName());
        navigator.currentProperty().addListener((o, a, route) -> {
            if (route != null) {
                show(route);
            }
        });
        installShortcuts();
        show(navigator.getCurrent());
    }

    private void installShortcuts() {
        shortcuts.add("Shortcut+1", () -> navigator.go(new Route.Dashboard()))
                .add("Shortcut+2", () -> navigator.go(new Route.Usage()))
                .add("Shortcut+3", () -> navigator.go(new Route.Knowledge()))
                .add("Shortcut+4", () -> navigator.go(new Route.Services()))
                .add("Shortcut+5", () -> navigator.go(new Route.Settings()))
                .add("Alt+Left", navigator::goBack)
                .add("F5", navigator::reload);
        shortcuts.install(content);
    }

    private void show(Route route) {
        if (shown != null) {
            shown.onHide();
        }
        ViewLoader.Loaded<ContentView> loaded = loader.get().load(fileFor(route));
        content.getChildren().setAll(loaded.root());
        shown = loaded.controller();
        shown.onShow(route);
        ToggleButton selected = switch (route.section()) {
            case PROJECTS -> navProjects;
            case USAGE -> navUsage;
            case KNOWLEDGE -> navKnowledge;
            case SERVICES -> navServices;
            case SETTINGS -> navSettings;
            case USERS -> navUsers;
        };
        selected.setSelected(true);
    }

    static FxmlFile fileFor(Route route) {
        if (route instanceof Route.Project) {
            return FxmlFile.PROJECT;
        } else if (route instanceof Route.Task) {
            return FxmlFile.TASK;
        } else if (route instanceof Route.Usage) {
            return FxmlFile.USAGE;
        } else if (route instanceof Route.Knowledge) {
            return FxmlFile.KNOWLEDGE;
        } else if (route instanceof Route.Services) {
            return FxmlFile.SERVICES;
        } else if (route instanceof Route.Settings) {
            return FxmlFile.SETTINGS;
        } else if (route instanceof Route.Users) {
            return FxmlFile.USERS;
        } else if (route instanceof Route.NotFound) {
            return FxmlFile.NOT_FOUND;
        }
        return FxmlFile.DASHBOARD;
    }

    /** Hides the current screen (unsubscribes its live events) when the window closes. */
    public void close() {
        if (shown != null) {
            shown.onHide();
            shown = null;
        }
        shortcuts.uninstall();
    }
}
