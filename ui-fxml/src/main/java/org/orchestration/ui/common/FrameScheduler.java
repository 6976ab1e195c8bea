package org.orchestration.ui.common;

/** Runs an action on the UI thread at the next frame. {@link FxFrameScheduler} uses an AnimationTimer. */
@FunctionalInterface
public interface FrameScheduler {

    void requestFrame(Runnable action);
}
