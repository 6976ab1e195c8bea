package org.orchestration.ui.common;

/** A screen shown in the main window's content area. */
public interface ContentView {

    /** Called after loading with the route that opened it. */
    void onShow(Route route);

    /** Called when the screen is replaced: unsubscribe, cancel. */
    default void onHide() {
    }
}
