package org.orchestration.core.monitor;

import java.util.List;
import java.util.Optional;
import org.orchestration.core.tools.Tool;
import org.orchestration.core.tools.ToolRegistry;
import org.orchestration.core.tools.ToolStatus;

/**
 * Which tools can be used right now: the registry's status (built or not, with why), and a built
 * tool whose service ({@link Tool#service()}) was last seen down by the {@link ResourceMonitor}
 * is unavailable too, naming the service and its problem. A service not checked yet counts as
 * up, as it does for providers. What the Services screen and {@code GET /api/services} show.
 */
public final class ToolAvailability {

    private ToolAvailability() {
    }

    public static List<ToolStatus> of(ToolRegistry tools, ResourceMonitor monitor) {
        return tools.status().stream().map(s -> s.available() ? withService(s, tools.find(s.name()), monitor) : s).toList();
    }

    private static ToolStatus withService(ToolStatus status, Optional<Tool> tool, ResourceMonitor monitor) {
        Optional<ServiceHealth> down = tool.flatMap(Tool::service).flatMap(monitor::health).filter(h -> !h.up());
        return down.map(h -> new ToolStatus(status.name(), false, ResourceMonitor.displayName(h.name()) + " is unavailable"
                + (h.lastError() == null ? "" : " (" + h.lastError() + ")"))).orElse(status);
    }
}
