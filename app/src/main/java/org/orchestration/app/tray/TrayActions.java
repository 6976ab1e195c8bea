package org.orchestration.app.tray;

/** What the tray menu items do; supplied by the GUI shell. Called on the AWT event thread. */
public interface TrayActions {

    /** Shows the main window and brings it to the front. */
    void open();

    void pauseAll();

    void resumeAll();

    /** Really quits: closes the window and the whole engine stack. */
    void quit();
}
