package org.orchestration.ui.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import javafx.animation.AnimationTimer;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.orchestration.core.auth.User;
import org.orchestration.core.llm.CancellationToken;
import org.orchestration.core.model.ProjectStatus;
import org.orchestration.ui.demo.DemoBackend;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * While 8 simulated tasks stream events (200 token events/s plus spend and log events), the
 * FX thread keeps pulsing: the largest gap between two pulses is measured and printed for
 * docs/PERFORMANCE.md. The bound asserted is generous (shared 2-core machines); the figure
 * printed is the claim.
 */
@ExtendWith(ApplicationExtension.class)
class ResponsivenessTest {

    private static final Duration MEASURE = Duration.ofSeconds(5);

    private DemoBackend backend;
    private DemoShell app;
    private Stage stage;
    private String projectId;
    private final AtomicLong events = new AtomicLong();

    @Start
    void start(Stage stage) {
        this.stage = stage;
        backend = new DemoBackend(new DemoBackend.Options(8, true, 200, 1_000_000, Duration.ZERO, 8),
                Clock.systemDefaultZone()).firstRunDone();
        User me = backend.localUser();
        projectId = backend.create(me, "Load test").id();
        backend.saveRequirements(me, projectId, "Eight independent tasks streaming tokens.");
        backend.approve(me, backend.generate(me, projectId, CancellationToken.none()).id());
        backend.saveUiPrefs(backend.uiPrefs().withLastScreen("project/" + projectId));
        backend.subscribe(me, projectId, e -> events.incrementAndGet());
        app = DemoShell.show(stage, backend);
    }

    @AfterEach
    void tearDown() throws Exception {
        app.close();
    }

    /** Records the gaps between FX pulses for {@link #MEASURE}. */
    private static final class Probe {
        long last;
        long maxGap;
        long pulses;

        void measure(FxRobot robot) {
            AnimationTimer timer = new AnimationTimer() {
                @Override
                public void handle(long now) {
                    if (last != 0) {
                        maxGap = Math.max(maxGap, now - last);
                    }
                    last = now;
                    pulses++;
                }
            };
            robot.interact(timer::start);
            await().pollDelay(MEASURE).atMost(MEASURE.plusSeconds(5)).until(() -> true);
            robot.interact(timer::stop);
        }
    }

    @Test
    void theFxThreadKeepsPulsingWhileEightTasksStreamEvents(FxRobot robot) throws Exception {
        DemoShell.waitUntil(() -> DemoShell.visible(robot, "#start") && !robot.lookup("#start").queryButton().isDisabled());
        Probe idle = new Probe();
        idle.measure(robot);
        javafx.scene.control.Button startButton = robot.lookup("#start").queryButton();
        robot.interact(startButton::fire);
        await().until(() -> backend.get(backend.localUser(), projectId).status() == ProjectStatus.RUNNING);
        // warm-up: let the first batches, layout and JIT settle
        await().pollDelay(Duration.ofSeconds(1)).until(() -> true);

        Probe probe = new Probe();
        long eventsBefore = events.get();
        probe.measure(robot);
        long eventsDuring = events.get() - eventsBefore;
        long[] maxGap = {probe.maxGap};
        long[] pulses = {probe.pulses};

        double maxGapMs = maxGap[0] / 1_000_000.0;
        double eventsPerSecond = eventsDuring / (double) MEASURE.toSeconds();
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        String line = String.format("ui-responsiveness: 8 running tasks, %.0f events/s delivered, %d pulses in %ds, "
                + "max pulse gap %.1f ms (idle before: %d pulses, max gap %.1f ms; load average %.1f on %d cores)",
                eventsPerSecond, pulses[0], MEASURE.toSeconds(), maxGapMs, idle.pulses, idle.maxGap / 1e6, load,
                Runtime.getRuntime().availableProcessors());
        System.out.println(line);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "ui-responsiveness.txt"), line + System.lineSeparator());
        Screenshots.save(stage.getScene(), "15-run-under-load");

        assertThat(eventsPerSecond).isGreaterThanOrEqualTo(200);
        // Generous on purpose: the build machine is shared (2 cores, load averages of 10-18 seen)
        // and renders in software, so this only catches a frozen FX thread (blocking I/O, a lock).
        // The figure printed above, with the load it was measured under, is what the docs report.
        assertThat(pulses[0]).isGreaterThanOrEqualTo(5);
        assertThat(maxGapMs).isLessThan(3000);
    }
}
