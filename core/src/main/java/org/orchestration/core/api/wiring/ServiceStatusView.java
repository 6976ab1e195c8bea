package org.orchestration.core.api.wiring;

import java.util.List;
import org.orchestration.core.auth.AccessPolicy;
import org.orchestration.core.auth.User;
import org.orchestration.core.monitor.ResourceMonitor;
import org.orchestration.core.monitor.ServiceHealth;
import org.orchestration.core.monitor.ToolAvailability;
import org.orchestration.core.tools.ToolRegistry;
import org.orchestration.core.tools.ToolStatus;

/**
 * {@code GET /api/services}: the last health check of Anthropic, Ollama and ComfyUI and which tools
 * are available (a tool whose service is down is not). Global information: any signed-in user may read it.
 */
record ServiceStatusView(List<ServiceHealth> services, List<ToolStatus> tools) {

    static ServiceStatusView of(User actor, ResourceMonitor monitor, ToolRegistry tools) {
        AccessPolicy.requireUser(actor);
        return new ServiceStatusView(monitor.snapshot(), ToolAvailability.of(tools, monitor));
    }
}
