package org.orchestration.app.tray;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The fallback when the desktop has no system tray: keeps the last notifications and tells
 * listeners (the UI shell shows them in its own notification area, on its own thread).
 */
public final class InAppNotificationArea implements TrayNotifier {

    static final int KEEP = 50;

    private final Deque<Notification> recent = new ArrayDeque<>();
    private final List<Consumer<Notification>> listeners = new CopyOnWriteArrayList<>();
    private volatile int runningTasks;

    /** Adds a listener, called on the publishing thread for every new notification. */
    public void addListener(Consumer<Notification> listener) {
        listeners.add(listener);
    }

    /** The newest notifications, newest last. */
    public synchronized List<Notification> recent() {
        return List.copyOf(recent);
    }

    public int runningTasks() {
        return runningTasks;
    }

    @Override
    public void notify(Notification notification) {
        synchronized (this) {
            recent.addLast(notification);
            while (recent.size() > KEEP) {
                recent.removeFirst();
            }
        }
        listeners.forEach(l -> l.accept(notification));
    }

    @Override
    public void setRunningTasks(int count) {
        runningTasks = count;
    }

    @Override
    public boolean hasTrayIcon() {
        return false;
    }

    @Override
    public void close() {
        listeners.clear();
    }
}
