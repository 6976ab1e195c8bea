package org.orchestration.ui.port;

import java.util.List;

/** External services and tools. Checks use short timeouts. */
public interface ServicesPort {

    List<ServiceHealth> health();

    List<ToolState> tools();

    ConnectionCheck testAnthropic(String apiKey);

    ConnectionCheck testOllama(String baseUrl);
}
