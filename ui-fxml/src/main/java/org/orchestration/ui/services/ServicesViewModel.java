package org.orchestration.ui.services;

import java.util.List;
import org.orchestration.ui.common.Loadable;
import org.orchestration.ui.common.UiTasks;
import org.orchestration.ui.port.ServiceHealth;
import org.orchestration.ui.port.ServicesPort;
import org.orchestration.ui.port.ToolState;

/** Health of external services and the registered tools. */
public final class ServicesViewModel {

    private final ServicesPort port;
    private final Loadable<List<ServiceHealth>> health;
    private final Loadable<List<ToolState>> tools;

    public ServicesViewModel(ServicesPort port, UiTasks tasks) {
        this.port = port;
        this.health = Loadable.of(tasks);
        this.tools = Loadable.of(tasks);
    }

    public Loadable<List<ServiceHealth>> health() { return health; }
    public Loadable<List<ToolState>> tools() { return tools; }

    public void load() {
        health.load(port::health);
        tools.load(port::tools);
    }

    public static String describe(ServiceHealth h) {
        return h.up() ? "Up · " + h.latencyMillis() + " ms" : "Down" + (h.lastError() == null ? "" : " · " + h.lastError());
    }
}
