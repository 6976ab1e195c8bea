package org.orchestration.ui;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.geometry.Rectangle2D;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.input.ClipboardContent;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.orchestration.core.auth.User;
import org.orchestration.core.engine.EngineServices;
import org.orchestration.ui.common.ErrorFunnel;
import org.orchestration.ui.common.FolderChooser;
import org.orchestration.ui.common.FrameScheduler;
import org.orchestration.ui.common.FxFrameScheduler;
import org.orchestration.ui.common.FxUiExecutor;
import org.orchestration.ui.common.FxmlFile;
import org.orchestration.ui.common.Navigator;
import org.orchestration.ui.common.OsTheme;
import org.orchestration.ui.common.Route;
import org.orchestration.ui.common.Session;
import org.orchestration.ui.common.Theme;
import org.orchestration.ui.common.UiExecutor;
import org.orchestration.ui.common.UiTasks;
import org.orchestration.ui.common.UncaughtErrors;
import org.orchestration.ui.common.ViewLoader;
import org.orchestration.ui.dashboard.DashboardView;
import org.orchestration.ui.dashboard.DashboardViewModel;
import org.orchestration.ui.error.ErrorView;
import org.orchestration.ui.error.ErrorViewModel;
import org.orchestration.ui.error.NotFoundView;
import org.orchestration.ui.firstrun.FirstRunView;
import org.orchestration.ui.firstrun.FirstRunViewModel;
import org.orchestration.ui.knowledge.KnowledgeView;
import org.orchestration.ui.knowledge.KnowledgeViewModel;
import org.orchestration.ui.main.MainWindowView;
import org.orchestration.core.settings.SetupState;
import org.orchestration.core.settings.ThemeChoice;
import org.orchestration.core.settings.UiPrefs;
import org.orchestration.ui.project.ProjectView;
import org.orchestration.ui.project.ProjectViewModel;
import org.orchestration.ui.services.ServicesView;
import org.orchestration.ui.services.ServicesViewModel;
import org.orchestration.ui.settings.SettingsView;
import org.orchestration.ui.settings.SettingsViewModel;
import org.orchestration.ui.signin.SignInView;
import org.orchestration.ui.signin.SignInViewModel;
import org.orchestration.ui.task.TaskView;
import org.orchestration.ui.task.TaskViewModel;
import org.orchestration.ui.usage.UsageView;
import org.orchestration.ui.usage.UsageViewModel;
import org.orchestration.ui.users.UsersView;
import org.orchestration.ui.users.UsersViewModel;

/**
 * The UI's one entry point. The composition root builds the ports once and calls
 * {@link #show(Stage)} on the FX thread; the shell shows first run, sign-in (multi-user) or the
 * main window, remembers window bounds, theme and last screen in core's {@code UiPrefsStore}, and
 * routes every unexpected error to a recoverable error window. {@link #close()} from
 * {@code Application.stop()}.
 */
public final class UiShell implements AutoCloseable {

    private final EngineServices services;
    private final Consumer<Path> fileOpener;
    private final UiExecutor executor;
    private final FrameScheduler frames;
    private final Clock clock;
    private final Function<Class<?>, Object> overrides;
    private final FolderChooser folders;
    private final ErrorFunnel errors = new ErrorFunnel();
    private final UiTasks tasks;
    private final Session session = new Session();
    private final Navigator navigator = new Navigator();
    private final ViewLoader loader;
    private final AutoCloseable ownedExecutor;

    private Stage stage;
    private Scene scene;
    private Theme theme = new Theme(false);
    private UiPrefs prefs = UiPrefs.defaults();
    private SetupState setup = new SetupState(false, false);
    private MainWindowView mainWindow;
    private Stage errorWindow;

    /** Production wiring: a small background pool, AnimationTimer frames, the system clock. */
    public UiShell(EngineServices services, Consumer<Path> fileOpener) {
        this(services, fileOpener, new FxUiExecutor(3), new FxFrameScheduler(), Clock.systemDefaultZone(), type -> null);
    }

    /**
     * @param services   the engine's services, which the view models call
     * @param fileOpener opens a file or folder with the desktop ({@code java.awt.Desktop} in the app)
     * @param executor  background + UI executors; closed by {@link #close()} if it is AutoCloseable
     * @param frames    where live-event batches are applied (once per frame)
     * @param overrides the composition root's controller factory, consulted first for every FXML
     *                  controller; return null to use the default
     */
    public UiShell(EngineServices services, Consumer<Path> fileOpener, UiExecutor executor, FrameScheduler frames, Clock clock,
                   Function<Class<?>, Object> overrides) {
        this(services, fileOpener, executor, frames, clock, overrides, FolderChooser.system());
    }

    /** @param folders asks for a folder (Knowledge: Add folder); the platform dialog by default */
    public UiShell(EngineServices services, Consumer<Path> fileOpener, UiExecutor executor, FrameScheduler frames, Clock clock,
                   Function<Class<?>, Object> overrides, FolderChooser folders) {
        this.folders = Objects.requireNonNull(folders);
        this.services = Objects.requireNonNull(services);
        this.fileOpener = Objects.requireNonNull(fileOpener);
        this.executor = executor;
        this.frames = frames;
        this.clock = clock;
        this.overrides = overrides;
        this.tasks = new UiTasks(executor, errors);
        this.loader = new ViewLoader(this::controller);
        this.ownedExecutor = executor instanceof AutoCloseable c ? c : () -> { };
    }

    public Session session() {
        return session;
    }

    public Navigator navigator() {
        return navigator;
    }

    public ErrorFunnel errors() {
        return errors;
    }

    /** Shows the right first screen. Call on the FX thread. */
    public void show(Stage primary) {
        this.stage = primary;
        UncaughtErrors.install(errors);
        errors.setUnexpectedSink(t -> executor.ui().execute(() -> showError(t)));
        stage.setTitle("Orchestration Engine");
        stage.setMinWidth(960);
        stage.setMinHeight(620);
        stage.setOnHidden(e -> saveWindow());
        navigator.setOnChange(r -> rememberScreen(r));
        tasks.create(() -> new Start(services.firstRun().state(), services.uiPrefs().load(),
                        OsTheme.system().prefersDark()))
                .onSuccess(this::start)
                .start();
    }

    private record Start(SetupState setup, UiPrefs prefs, boolean osDark) {
    }

    private void start(Start s) {
        setup = s.setup();
        prefs = s.prefs();
        theme = new Theme(s.osDark());
        theme.apply(prefs.theme());
        restoreBounds();
        if (!setup.firstRunDone()) {
            setRoot(loader.load(FxmlFile.FIRST_RUN).root());
        } else if (setup.multiUser()) {
            showSignIn();
        } else {
            enter(services.owner());
        }
        stage.show();
    }

    private void showSignIn() {
        session.signOut();
        if (mainWindow != null) {
            mainWindow.close();
            mainWindow = null;
        }
        setRoot(loader.load(FxmlFile.SIGN_IN).root());
    }

    private void enter(User user) {
        session.signIn(user);
        ViewLoader.Loaded<MainWindowView> main = loader.load(FxmlFile.MAIN_WINDOW);
        mainWindow = main.controller();
        setRoot(main.root());
        navigator.go(Route.parse(prefs.lastScreen()));
    }

    private void afterFirstRun(User user) {
        tasks.create(services.firstRun()::state).onSuccess(s -> {
            setup = s;
            enter(user);
        }).start();
    }

    private void setRoot(Parent root) {
        if (scene == null) {
            scene = new Scene(root, widthOr(1280), heightOr(800));
            Theme.style(scene);
            stage.setScene(scene);
        } else {
            scene.setRoot(root);
        }
    }

    private double widthOr(double d) {
        return Double.isNaN(prefs.width()) || prefs.width() < 400 ? d : prefs.width();
    }

    private double heightOr(double d) {
        return Double.isNaN(prefs.height()) || prefs.height() < 300 ? d : prefs.height();
    }

    private void restoreBounds() {
        if (Double.isNaN(prefs.x()) || Double.isNaN(prefs.y())) {
            return;
        }
        // only if the saved rectangle is still on a connected screen
        if (!Screen.getScreensForRectangle(prefs.x(), prefs.y(), widthOr(1280), heightOr(800)).isEmpty()) {
            stage.setX(prefs.x());
            stage.setY(prefs.y());
        }
        stage.setMaximized(prefs.maximized());
    }

    private void saveWindow() {
        if (mainWindow != null) {
            mainWindow.close();
        }
        Rectangle2D b = new Rectangle2D(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight());
        String screen = Screen.getScreensForRectangle(b).stream().findFirst().map(s -> s.getBounds().toString()).orElse(null);
        UiPrefs p = prefs.withWindow(b.getMinX(), b.getMinY(), b.getWidth(), b.getHeight(), stage.isMaximized(), screen);
        prefs = p;
        tasks.run(() -> services.uiPrefs().save(p)).start();
    }

    private void rememberScreen(Route r) {
        if (r instanceof Route.NotFound) {
            return;
        }
        UiPrefs p = prefs.withLastScreen(r.id());
        prefs = p;
        tasks.run(() -> services.uiPrefs().save(p)).onError(m -> { }).start();
    }

    private void applyTheme(ThemeChoice choice) {
        prefs = prefs.withTheme(choice);
        theme.apply(choice);
    }

    /** Opens (or refreshes) the recoverable error window. */
    public void showError(Throwable error) {
        if (stage == null) {
            return;
        }
        ViewLoader.Loaded<ErrorView> loaded = loader.load(FxmlFile.ERROR);
        loaded.controller().viewModel().show(error);
        if (errorWindow == null) {
            errorWindow = new Stage();
            errorWindow.initOwner(stage);
            errorWindow.setTitle("Something went wrong");
            errorWindow.setOnHidden(e -> errorWindow = null);
        }
        Scene s = new Scene(loaded.root());
        Theme.style(s);
        errorWindow.setScene(s);
        errorWindow.show();
    }

    private void reloadAfterError() {
        if (errorWindow != null) {
            errorWindow.close();
        }
        if (mainWindow != null) {
            navigator.reload();
        } else {
            show(stage);
        }
    }

    private Object controller(Class<?> type) {
        Object custom = overrides.apply(type);
        if (custom != null) {
            return custom;
        }
        if (type == MainWindowView.class) {
            return new MainWindowView(navigator, session, () -> loader, setup.multiUser(), this::showSignIn);
        }
        if (type == FirstRunView.class) {
            FirstRunViewModel vm = new FirstRunViewModel(services.firstRun(), services.connectionTester(), tasks);
            vm.setOnDone(this::afterFirstRun);
            return new FirstRunView(vm);
        }
        if (type == SignInView.class) {
            SignInViewModel vm = new SignInViewModel(services.auth(), tasks);
            vm.setOnSignedIn(this::enter);
            return new SignInView(vm);
        }
        if (type == DashboardView.class) {
            return new DashboardView(new DashboardViewModel(services.projects(), session, tasks), navigator, clock);
        }
        if (type == ProjectView.class) {
            EngineServices e = services;
            return new ProjectView(new ProjectViewModel(e.projects(), e.planReview(), e.executor(), e.runSnapshots(), e.runFeed(),
                    session, tasks, frames), navigator);
        }
        if (type == TaskView.class) {
            return new TaskView(new TaskViewModel(services.taskReports(), services.executor(), session, tasks,
                    fileOpener), navigator);
        }
        if (type == UsageView.class) {
            return new UsageView(new UsageViewModel(services.usageReports(), session, tasks));
        }
        if (type == KnowledgeView.class) {
            return new KnowledgeView(new KnowledgeViewModel(services.knowledgeBases(), services.knowledgeSearch(), session,
                    tasks, fileOpener), folders);
        }
        if (type == ServicesView.class) {
            return new ServicesView(new ServicesViewModel(services.serviceChecks(), session, tasks));
        }
        if (type == SettingsView.class) {
            return new SettingsView(new SettingsViewModel(services.appSettings(), services.apiKeys(),
                    services.uiPrefs(), session, tasks, this::applyTheme),
                    fileOpener, folders);
        }
        if (type == UsersView.class) {
            return new UsersView(new UsersViewModel(services.userAdmin(), services.auth(), session, tasks));
        }
        if (type == ErrorView.class) {
            return new ErrorView(new ErrorViewModel(text -> {
                ClipboardContent c = new ClipboardContent();
                c.putString(text);
                javafx.scene.input.Clipboard.getSystemClipboard().setContent(c);
            }, this::reloadAfterError));
        }
        if (type == NotFoundView.class) {
            return new NotFoundView(navigator);
        }
        throw new IllegalArgumentException("No controller for " + type.getName());
    }

    /** Closes the error window, unsubscribes the current screen and stops the UI's background pool. */
    @Override
    public void close() throws Exception {
        Stage errors = errorWindow;
        MainWindowView main = mainWindow;
        Runnable closeWindows = () -> {
            if (errors != null) {
                errors.close();
            }
            if (main != null) {
                main.close();
            }
        };
        if (javafx.application.Platform.isFxApplicationThread()) {
            closeWindows.run();
        } else {
            javafx.application.Platform.runLater(closeWindows);
        }
        ownedExecutor.close();
    }
}
