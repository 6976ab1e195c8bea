package org.orchestration.app.ui;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.orchestration.ui.UiShell;
import org.orchestration.ui.common.FolderChooser;
import org.orchestration.ui.common.FxFrameScheduler;
import org.orchestration.ui.common.FxUiExecutor;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** What the headless desktop tests on the real engine share: screenshots, lookups, waiting. */
final class DesktopRobot {

    static final Path SHOTS = Path.of("target", "screenshots");

    private DesktopRobot() {
    }

    /** Saves a PNG of the stage's scene as app/target/screenshots/{@code name}.png. */
    static void shot(Stage stage, String name) {
        WaitForAsyncUtils.waitForFxEvents();
        AtomicReference<WritableImage> image = new AtomicReference<>();
        WaitForAsyncUtils.asyncFx(() -> image.set(stage.getScene().snapshot(null)));
        WaitForAsyncUtils.waitForFxEvents();
        try {
            Files.createDirectories(SHOTS);
            ImageIO.write(SwingFXUtils.fromFXImage(image.get(), null), "png", SHOTS.resolve(name + ".png").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean exists(FxRobot robot, String query) {
        return robot.lookup(query).tryQuery().map(Node::isVisible).orElse(false);
    }

    /** The text of a label or button; "" when it is not there. */
    static String text(FxRobot robot, String query) {
        return robot.lookup(query).tryQuery().map(n -> n instanceof Labeled l ? l.getText() : "").orElse("");
    }

    /** Polls {@code condition} after letting pending FX events run. */
    static void waitFor(Duration atMost, Callable<Boolean> condition) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(50)).until(() -> {
            WaitForAsyncUtils.waitForFxEvents();
            return condition.call();
        });
    }

    /** Clicks the navigation button {@code nav} until {@code arrived} shows (a click while the window settles is lost). */
    static void go(FxRobot robot, String nav, String arrived) {
        waitFor(Duration.ofSeconds(20), () -> exists(robot, nav));
        waitFor(Duration.ofSeconds(20), () -> {
            if (!exists(robot, arrived)) {
                robot.clickOn(nav);
                WaitForAsyncUtils.waitForFxEvents();
            }
            return exists(robot, arrived);
        });
    }

    /** Clicks the button labelled {@code text} of the open dialog once it shows. */
    static void clickDialogButton(FxRobot robot, String text) {
        waitFor(Duration.ofSeconds(15), () -> dialogButton(robot, text) != null);
        robot.clickOn(dialogButton(robot, text));
    }

    private static javafx.scene.control.Button dialogButton(FxRobot robot, String text) {
        return robot.lookup(".dialog-pane .button").queryAll().stream()
                .filter(n -> n instanceof javafx.scene.control.Button b && text.equals(b.getText()) && b.isVisible())
                .map(javafx.scene.control.Button.class::cast).findFirst().orElse(null);
    }

    /**
     * The app's window on {@code engine}, shown in {@code stage} at the origin (headless, a stage
     * without saved bounds can stay at x/y NaN and clicks would land nowhere); {@code folders}
     * stands in for the native folder dialog, which cannot be driven headless.
     */
    static UiShell show(RealEngine engine, Stage stage, FolderChooser folders) {
        UiShell shell = new UiShell(engine.services(), path -> { }, new FxUiExecutor(2),
                new FxFrameScheduler(), Clock.systemDefaultZone(), type -> null, folders);
        stage.setX(0);
        stage.setY(0);
        shell.show(stage);
        return shell;
    }
}
