package org.orchestration.ui.flow;

import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import javafx.scene.Node;
import javafx.stage.Stage;
import org.orchestration.ui.UiShell;
import org.orchestration.ui.common.FxFrameScheduler;
import org.orchestration.ui.common.FxUiExecutor;
import org.orchestration.ui.demo.DemoBackend;
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

    static DemoShell show(Stage stage, DemoBackend backend) {
        UiShell shell = new UiShell(backend.ports(p -> { }), new FxUiExecutor(2), new FxFrameScheduler(),
                Clock.systemDefaultZone(), type -> null);
        shell.show(stage);
        return new DemoShell(backend, shell);
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
