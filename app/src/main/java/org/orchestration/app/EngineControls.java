package org.orchestration.app;

/**
 * What the tray menu (and later the UI shell) asks of the running engine. Implemented by the
 * composition root on top of the executor once it exists; {@link #UNAVAILABLE} until then.
 */
public interface EngineControls {

    /** Pauses every running project of every user (the tray acts for the person at the desktop). */
    void pauseAll();

    /** Resumes every project paused by {@link #pauseAll()}. */
    void resumeAll();

    EngineControls UNAVAILABLE = new EngineControls() {
        @Override
        public void pauseAll() {
            org.slf4j.LoggerFactory.getLogger(EngineControls.class).info("Pause all: the executor is not part of this build yet");
        }

        @Override
        public void resumeAll() {
            org.slf4j.LoggerFactory.getLogger(EngineControls.class).info("Resume all: the executor is not part of this build yet");
        }
    };
}
