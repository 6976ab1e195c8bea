package org.orchestration.ui.flow;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.stage.Stage;
import org.orchestration.core.auth.User;
import org.orchestration.core.engine.EngineServices;
import org.orchestration.ui.UiShell;
import org.orchestration.ui.common.FolderChooser;
import org.orchestration.ui.common.FxFrameScheduler;
import org.orchestration.ui.common.FxUiExecutor;
import org.orchestration.core.settings.FirstRunRequest;
import org.orchestration.ui.testing.UiEngine;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real shell on the real engine ({@link UiEngine}: every service, Simulated provider, temporary
 * SQLite), for headless flows. The engine belongs to the test class (one per class); closing this
 * closes the shell only.
 */
final class EngineShell implements AutoCloseable {

    static final String ADMIN = "admin@example.com";
    static final String ADMIN_PASSWORD = "correct horse battery";
    static final String BOB = "bob@example.com";
    static final String BOB_PASSWORD = "a long password";

    final UiEngine engine;
    /** The services the shell was given: the window's own view of the engine, for setup and checks. */
    final EngineServices services;
    final UiShell shell;

    private EngineShell(UiEngine engine, UiShell shell) {
        this.engine = engine;
        this.services = engine.engine.services();
        this.shell = shell;
    }

    /** Single-user engine with first run done (Simulated, $5 a day, $50 a month) through the real first-run setup. */
    static UiEngine singleUser(Path dir) {
        return firstRunDone(UiEngine.start(dir));
    }

    /** Completes the first run of a single-user engine (Simulated, $5 a day, $50 a month) through the real first-run setup. */
    static UiEngine firstRunDone(UiEngine engine) {
        engine.engine.services().firstRun().complete(new FirstRunRequest(false, "", "", "", "", true, 5_000_000, 50_000_000));
        return engine;
    }

    /**
     * Multi-user engine, first run done through the real first-run setup: {@value #ADMIN}
     * ({@value #ADMIN_PASSWORD}) is the admin, and {@value #BOB} registered himself.
     */
    static UiEngine multiUser(Path dir) {
        UiEngine engine = UiEngine.startMultiUser(dir);
        EngineServices services = engine.engine.services();
        services.firstRun().complete(new FirstRunRequest(true, ADMIN, ADMIN_PASSWORD, "", "", true, 5_000_000, 50_000_000));
        services.auth().register(BOB, BOB_PASSWORD, "Bob");
        return engine;
    }

    /**
     * A single-user engine with the app's standard tools, whose Anthropic and Ollama addresses are a
     * loopback port nothing listens on: the Services screen has tools to list and its health checks
     * fail at once instead of reaching the internet.
     */
    static UiEngine withToolsOffline(Path dir) {
        String nowhere;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nowhere = "http://127.0.0.1:" + free.getLocalPort(); // closed again at once
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return UiEngine.startWithTools(dir, Map.of("ANTHROPIC_BASE_URL", nowhere, "OLLAMA_HOST", nowhere),
                dir.resolve("config").resolve("no-config.json"));
    }

    /** The single-user owner, who is signed in automatically. */
    User owner() {
        return engine.engine.owner();
    }

    static EngineShell show(Stage stage, UiEngine engine) {
        return show(stage, engine, p -> { }, (owner, title) -> Optional.empty());
    }

    /**
     * @param opener  records what the UI asks the desktop to open (no real application is launched)
     * @param folders stands in for the platform folder dialog, which cannot be driven headless
     */
    static EngineShell show(Stage stage, UiEngine engine, Consumer<Path> opener, FolderChooser folders) {
        UiShell shell = new UiShell(engine.engine.services(), opener, new FxUiExecutor(2), new FxFrameScheduler(),
                Clock.systemDefaultZone(), type -> null, folders);
        // Headless (Monocle) a stage shown without saved bounds can stay at x/y NaN, and then the robot's
        // clicks land nowhere: place it at the screen's corner.
        stage.setX(0);
        stage.setY(0);
        shell.show(stage);
        return new EngineShell(engine, shell);
    }

    /** Clicks the button labelled {@code text} in the open dialog (confirmations, prompts). */
    static void clickDialogButton(FxRobot robot, String text) {
        waitUntil(() -> robot.lookup(".dialog-pane .button").queryAll().stream()
                .anyMatch(n -> n instanceof Button b && text.equals(b.getText()) && b.isVisible()));
        Button button = robot.lookup(".dialog-pane .button").queryAll().stream()
                .filter(n -> n instanceof Button b && text.equals(b.getText()))
                .map(Button.class::cast).findFirst().orElseThrow();
        robot.clickOn(button);
    }

    /**
     * Clicks the navigation button {@code nav} until {@code arrived} is on screen: a click that lands
     * while the main window is still settling after sign-in is otherwise lost.
     */
    static void go(FxRobot robot, String nav, String arrived) {
        waitUntil(() -> visible(robot, nav));
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            WaitForAsyncUtils.waitForFxEvents();
            if (!visible(robot, arrived)) {
                robot.clickOn(nav);
                WaitForAsyncUtils.waitForFxEvents();
            }
            return visible(robot, arrived);
        });
    }

    /** Scrolls the ScrollPane holding the node found by {@code query} so that the node is on screen. */
    static void scrollTo(FxRobot robot, String query) {
        Node node = robot.lookup(query).query();
        robot.interact(() -> {
            for (Node p = node.getParent(); p != null; p = p.getParent()) {
                if (p instanceof ScrollPane sp) {
                    Node content = sp.getContent();
                    double y = content.sceneToLocal(node.localToScene(0, 0)).getY();
                    double room = content.getBoundsInLocal().getHeight() - sp.getViewportBounds().getHeight();
                    sp.setVvalue(room <= 0 ? 0 : Math.min(1, Math.max(0, (y - 40) / room)));
                    return;
                }
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The text of a Label or Button, "" when the node is not there. */
    static String text(FxRobot robot, String query) {
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup(query).tryQuery().map(n -> n instanceof Labeled l ? l.getText() : "").orElse("");
    }

    @Override
    public void close() throws Exception {
        shell.close();
    }

    static boolean visible(FxRobot robot, String query) {
        return robot.lookup(query).tryQuery().map(Node::isVisible).orElse(false);
    }

    /** Polls {@code condition} after letting pending FX events run, for up to 15 s. */
    static void waitUntil(Callable<Boolean> condition) {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(() -> {
            WaitForAsyncUtils.waitForFxEvents();
            return condition.call();
        });
    }
}
