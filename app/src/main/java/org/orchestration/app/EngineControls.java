package org.orchestration.app;

import org.slf4j.LoggerFactory;

/**
 * What the tray menu asks of the running engine. Implemented by the composition root on top of
 * the executor; {@link #UNAVAILABLE} before the executor's start-up step has run.
 */
public interface EngineControls {

    /** Pauses every running project of every user (the tray acts for the person at the desktop). */
    void pauseAll();

    /** Resumes every project paused by {@link #pauseAll()}. */
    void resumeAll();

    EngineControls UNAVAILABLE = new EngineControls() {
        @Override
        public void pauseAll() {
            LoggerFactory.getLogger(EngineControls.class).info("Pause all: the engine has not started yet");
        }

        @Override
        public void resumeAll() {
            LoggerFactory.getLogger(EngineControls.class).info("Resume all: the engine has not started yet");
        }
    };
}
