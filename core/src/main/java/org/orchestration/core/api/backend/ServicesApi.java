package org.orchestration.core.api.backend;

import org.orchestration.core.auth.User;

/** Health of Ollama, ComfyUI and Anthropic ({@code core.monitor.ResourceMonitor}); global, any signed-in user. */
public interface ServicesApi {

    Object serviceStatus(User actor);
}
