package org.orchestration.ui.port;

import java.util.List;
import org.orchestration.core.auth.User;
import org.orchestration.core.monitor.ConnectionCheck;
import org.orchestration.core.monitor.ServiceHealth;
import org.orchestration.core.monitor.ToolState;

/** External services and tools. Checks use short timeouts. */
public interface ServicesPort {

    List<ServiceHealth> health(User actor);

    List<ToolState> tools(User actor);

    ConnectionCheck testAnthropic(String apiKey);

    ConnectionCheck testOllama(String baseUrl);
}
