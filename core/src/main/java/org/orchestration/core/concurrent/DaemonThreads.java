package org.orchestration.core.concurrent;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one way the app makes its own threads: daemon threads with a readable name, so that no
 * background thread keeps the JVM alive after the ordered shutdown and a thread dump says whose
 * each thread is. Ordered shutdown still closes every executor; daemon is the safety net.
 */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    /** Threads named {@code prefix-1}, {@code prefix-2}, … */
    public static ThreadFactory numbered(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> create(r, prefix + "-" + n.incrementAndGet());
    }

    /** Threads all named {@code name} (for single-thread executors). */
    public static ThreadFactory named(String name) {
        return r -> create(r, name);
    }

    /** One unstarted daemon thread. */
    public static Thread create(Runnable task, String name) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        return t;
    }
}
