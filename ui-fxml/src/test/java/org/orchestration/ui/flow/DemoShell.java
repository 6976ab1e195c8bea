package org.orchestration.ui.flow;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.stage.Stage;
import org.orchestration.ui.UiShell;
import org.orchestration.ui.common.FolderChooser;
import org.orchestration.ui.common.FxFrameScheduler;
import org.orchestration.ui.common.FxUiExecutor;
import org.orchestration.ui.demo.DemoBackend;
import org.orchestration.core.settings.FirstRunRequest;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The real shell on a demo backend, for headless flows; closes both. */
final class DemoShell implements AutoCloseable {

    final DemoBackend backend;
    final UiShell shell;

    private DemoShell(DemoBackend backend, UiShell shell) {
        this.backend = backend;
        this.shell = shell;
    }

    /** Multi-user mode, first run done: admin@example.com ("correct horse battery") and bob@example.com. */
    static DemoBackend multiUserBackend() {
        DemoBackend backend = new DemoBackend();
        backend.completeFirstRun(new FirstRunRequest(true, "admin@example.com", "correct horse battery",
                "", "", true, 5_000_000, 50_000_000));
        backend.register("bob@example.com", "Bob", "a long password");
        return backend;
    }

    static DemoShell show(Stage stage, DemoBackend backend) {
        return show(stage, backend, p -> { }, (owner, title) -> Optional.empty());
    }

    /**
     * @param opener  records what the UI asks the desktop to open (no real application is launched)
     * @param folders stands in for the platform folder dialog, which cannot be driven headless
     */
    static DemoShell show(Stage stage, DemoBackend backend, Consumer<Path> opener, FolderChooser folders) {
        UiShell shell = new UiShell(backend.ports(opener), new FxUiExecutor(2), new FxFrameScheduler(),
                Clock.systemDefaultZone(), type -> null, folders);
        // Headless (Monocle) a stage shown without saved bounds can stay at x/y NaN, and then the robot's
        // clicks land nowhere: place it at the screen's corner.
        stage.setX(0);
        stage.setY(0);
        shell.show(stage);
        return new DemoShell(backend, shell);
    }

    /** Clicks the button labelled {@code text} in the open dialog (confirmations, prompts). */
    static void clickDialogButton(FxRobot robot, String text) {
        waitUntil(() -> robot.lookup(".dialog-pane .button").queryAll().stream()
                .anyMatch(n -> n instanceof javafx.scene.control.Button b && text.equals(b.getText()) && b.isVisible()));
        javafx.scene.control.Button button = robot.lookup(".dialog-pane .button").queryAll().stream()
                .filter(n -> n instanceof javafx.scene.control.Button b && text.equals(b.getText()))
                .map(javafx.scene.control.Button.class::cast).findFirst().orElseThrow();
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
                if (p instanceof javafx.scene.control.ScrollPane sp) {
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
        return robot.lookup(query).tryQuery().map(n -> n instanceof javafx.scene.control.Labeled l ? l.getText() : "").orElse("");
    }

    @Override
    public void close() throws Exception {
        shell.close();
        backend.close();
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
