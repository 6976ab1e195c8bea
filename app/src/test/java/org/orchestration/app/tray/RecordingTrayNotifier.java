package org.orchestration.app.tray;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test double: remembers what it was asked to show; says a tray icon is on screen. */
public final class RecordingTrayNotifier implements TrayNotifier {

    final List<Notification> notifications = new CopyOnWriteArrayList<>();
    volatile int runningTasks;
    volatile boolean closed;

    @Override
    public void notify(Notification notification) {
        notifications.add(notification);
    }

    @Override
    public void setRunningTasks(int count) {
        runningTasks = count;
    }

    @Override
    public boolean hasTrayIcon() {
        return true;
    }

    @Override
    public void close() {
        closed = true;
    }
}
