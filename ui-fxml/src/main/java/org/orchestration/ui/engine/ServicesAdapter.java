package org.orchestration.ui.engine;

import java.util.List;
import org.orchestration.core.auth.User;
import org.orchestration.core.monitor.ConnectionCheck;
import org.orchestration.core.monitor.ConnectionTester;
import org.orchestration.core.monitor.ServiceChecks;
import org.orchestration.core.monitor.ServiceHealth;
import org.orchestration.core.monitor.ToolState;
import org.orchestration.ui.port.ServicesPort;

/** {@link ServicesPort} on {@link ServiceChecks} and {@link ConnectionTester}. */
final class ServicesAdapter implements ServicesPort {

    private final ServiceChecks checks;
    private final ConnectionTester tester;

    ServicesAdapter(ServiceChecks checks, ConnectionTester tester) {
        this.checks = checks;
        this.tester = tester;
    }

    @Override
    public List<ServiceHealth> health(User actor) {
        return checks.health(actor);
    }

    @Override
    public List<ToolState> tools(User actor) {
        return checks.tools(actor);
    }

    @Override
    public ConnectionCheck testAnthropic(String apiKey) {
        return tester.testAnthropic(apiKey);
    }

    @Override
    public ConnectionCheck testOllama(String baseUrl) {
        return tester.testOllama(baseUrl);
    }
}
