package org.orchestration.ui.common;

import java.util.ArrayList;
import java.util.List;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;

/**
 * Runs requested actions on the next JavaFX pulse, then stops its timer so an idle window costs
 * nothing.
 */
public final class FxFrameScheduler implements FrameScheduler {

    private final List<Runnable> pending = new ArrayList<>();
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            List<Runnable> batch;
            synchronized (pending) {
                batch = new ArrayList<>(pending);
                pending.clear();
            }
            stop();
            batch.forEach(Runnable::run);
        }
    };

    @Override
    public void requestFrame(Runnable action) {
        synchronized (pending) {
            pending.add(action);
        }
        if (Platform.isFxApplicationThread()) {
            timer.start();
        } else {
            Platform.runLater(timer::start);
        }
    }
}
