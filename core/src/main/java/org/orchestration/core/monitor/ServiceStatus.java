package org.orchestration.core.monitor;

import java.util.List;
import org.orchestration.core.auth.AccessPolicy;
import org.orchestration.core.auth.User;
import org.orchestration.core.tools.ToolRegistry;
import org.orchestration.core.tools.ToolStatus;

/**
 * {@code GET /api/services}: the last health check of Anthropic, Ollama and ComfyUI and which tools
 * are available (a tool whose service is down is not). Global information: any signed-in user may read it.
 */
public record ServiceStatus(List<ServiceHealth> services, List<ToolStatus> tools) {

    /** @throws org.orchestration.core.errors.UnauthorizedException when {@code actor} is not an active user */
    public static ServiceStatus of(User actor, ResourceMonitor monitor, ToolRegistry tools) {
        AccessPolicy.requireUser(actor);
        return new ServiceStatus(monitor.snapshot(), ToolAvailability.of(tools, monitor));
    }
}
