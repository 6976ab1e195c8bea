package org.orchestration.ui.services;

import java.util.List;
import org.orchestration.core.monitor.ResourceMonitor;
import org.orchestration.core.monitor.ServiceChecks;
import org.orchestration.ui.common.Loadable;
import org.orchestration.ui.common.Session;
import org.orchestration.ui.common.UiTasks;
import org.orchestration.core.monitor.ServiceHealth;
import org.orchestration.core.monitor.ToolState;

/** Health of external services and the registered tools. */
public final class ServicesViewModel {

    private final ServiceChecks checks;
    private final Session session;
    private final Loadable<List<ServiceHealth>> health;
    private final Loadable<List<ToolState>> tools;

    public ServicesViewModel(ServiceChecks checks, Session session, UiTasks tasks) {
        this.checks = checks;
        this.session = session;
        this.health = Loadable.of(tasks);
        this.tools = Loadable.of(tasks);
    }

    public Loadable<List<ServiceHealth>> health() { return health; }
    public Loadable<List<ToolState>> tools() { return tools; }

    public void load() {
        health.load(() -> checks.health(session.user()));
        tools.load(() -> checks.tools(session.user()));
    }

    /** The service's name as people read it ("anthropic" -> "Anthropic"). */
    public static String name(ServiceHealth h) {
        return ResourceMonitor.displayName(h.name());
    }

    public static String describe(ServiceHealth h) {
        return h.up() ? "Up · " + h.latencyMs() + " ms" : "Down" + (h.lastError() == null ? "" : " · " + h.lastError());
    }
}
