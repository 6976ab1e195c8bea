package org.orchestration.app.gui;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Relays "bring the window forward" from wherever it is asked (a second launch via the
 * single-instance port, the tray's Open) to the window once it exists. Before that it does nothing.
 */
public final class WindowActivation {

    private final AtomicReference<Runnable> target = new AtomicReference<>();

    /** Called by the GUI once its window is up; {@code null} detaches. */
    public void attach(Runnable bringForward) {
        target.set(bringForward);
    }

    /** Brings the window forward if there is one; callable from any thread. */
    public void activate() {
        Runnable r = target.get();
        if (r != null) {
            r.run();
        }
    }
}
