package org.orchestration.ui.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.orchestration.core.auth.Role;
import org.orchestration.core.auth.User;
import org.orchestration.core.errors.StorageException;
import org.orchestration.ui.common.ErrorFunnel;
import org.orchestration.ui.common.LoadState;
import org.orchestration.ui.common.Session;
import org.orchestration.ui.demo.DemoBackend;
import org.orchestration.core.monitor.ServiceHealth;
import org.orchestration.ui.port.ServicesPort;
import org.orchestration.ui.testing.Stubs;

class ServicesViewModelTest {

    @Test
    void healthAndToolsLoad() {
        try (DemoBackend backend = Stubs.backend()) {
            ServicesViewModel vm = new ServicesViewModel(backend, Stubs.signedIn(backend), Stubs.directTasks(new ErrorFunnel()));
            vm.load();
            assertThat(vm.health().getData()).extracting(ServiceHealth::name).contains("Anthropic", "Ollama", "ComfyUI");
            assertThat(vm.tools().getState()).isEqualTo(LoadState.DATA);
        }
    }

    @Test
    void aFailedCheckShowsTheErrorState() {
        Session session = new Session();
        session.signIn(new User("u1", "u1@example.com", "U", Role.USER, true));
        ServicesViewModel vm = new ServicesViewModel(Stubs.failing(ServicesPort.class,
                new StorageException("Health checks are unavailable.")), session, Stubs.directTasks(new ErrorFunnel()));
        vm.load();
        assertThat(vm.health().getError()).isEqualTo("Health checks are unavailable.");
    }

    @Test
    void aServiceIsDescribedWithLatencyOrItsLastError() {
        assertThat(ServicesViewModel.describe(new ServiceHealth("ollama", true, 14, null, null, Instant.EPOCH))).isEqualTo("Up · 14 ms");
        assertThat(ServicesViewModel.describe(new ServiceHealth("comfyui", false, 0, null, "Refused.", Instant.EPOCH))).isEqualTo("Down · Refused.");
    }
}
