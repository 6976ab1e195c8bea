package org.orchestration.app.tray;

/**
 * Where the engine tells the person what happened while they were not looking: the system tray
 * (icon with the running-task count, menu, desktop notifications) where the desktop has one, an
 * in-app notification area otherwise, nothing in headless mode. Every method may be called from
 * any thread.
 */
public interface TrayNotifier extends AutoCloseable {

    /** Shows a desktop notification. */
    void notify(Notification notification);

    /** Updates the running-task count on the icon. */
    void setRunningTasks(int count);

    /** True when a tray icon is on screen, so closing the window can keep the engine in the tray. */
    boolean hasTrayIcon();

    /** Removes the icon; no-op when there is none. */
    @Override
    void close();

    /** For headless mode: nobody to tell. */
    static TrayNotifier none() {
        return new TrayNotifier() {
            @Override
            public void notify(Notification notification) {
            }

            @Override
            public void setRunningTasks(int count) {
            }

            @Override
            public boolean hasTrayIcon() {
                return false;
            }

            @Override
            public void close() {
            }
        };
    }
}
