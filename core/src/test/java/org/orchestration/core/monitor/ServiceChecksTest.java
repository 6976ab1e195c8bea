package org.orchestration.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.auth.Role;
import org.orchestration.core.errors.UnauthorizedException;
import org.orchestration.core.testing.TestEngine;

/** "Check now" on the real engine's monitor: every monitored service answers, and only signed-in users ask. */
class ServiceChecksTest {

    @TempDir
    static Path dir;
    static TestEngine engine;
    static ServiceChecks checks;

    @BeforeAll
    static void start() {
        engine = TestEngine.start(dir);
        checks = new ServiceChecks(engine.services().monitor(), engine.services().tools());
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void aFreshCheckReportsEveryMonitoredServiceToAnyUser() {
        assertThat(checks.health(engine.user(Role.USER))).extracting(ServiceHealth::name)
                .contains(ResourceMonitor.OLLAMA, ResourceMonitor.COMFYUI);
        assertThat(checks.tools(engine.user(Role.USER))).isEqualTo(ToolAvailability.of(engine.services().tools(),
                engine.services().monitor()).stream().map(s -> new ToolState(s.name(), "", s.available(), s.reason())).toList());
    }

    @Test
    void nobodySignedInIsRefused() {
        assertThatThrownBy(() -> checks.health(null)).isInstanceOf(UnauthorizedException.class);
        assertThatThrownBy(() -> checks.tools(null)).isInstanceOf(UnauthorizedException.class);
    }
}
