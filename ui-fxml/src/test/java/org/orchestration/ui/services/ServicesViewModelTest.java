package org.orchestration.ui.services;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.orchestration.core.errors.StorageException;
import org.orchestration.ui.common.ErrorFunnel;
import org.orchestration.ui.common.LoadState;
import org.orchestration.ui.demo.DemoBackend;
import org.orchestration.ui.port.ServiceHealth;
import org.orchestration.ui.port.ServicesPort;
import org.orchestration.ui.testing.Stubs;

class ServicesViewModelTest {

    @Test
    void healthAndToolsLoad() {
        try (DemoBackend backend = Stubs.backend()) {
            ServicesViewModel vm = new ServicesViewModel(backend, Stubs.directTasks(new ErrorFunnel()));
            vm.load();
            assertThat(vm.health().getData()).extracting(ServiceHealth::name).contains("Anthropic", "Ollama", "ComfyUI");
            assertThat(vm.tools().getState()).isEqualTo(LoadState.DATA);
        }
    }

    @Test
    void aFailedCheckShowsTheErrorState() {
        ServicesViewModel vm = new ServicesViewModel(Stubs.failing(ServicesPort.class,
                new StorageException("Health checks are unavailable.")), Stubs.directTasks(new ErrorFunnel()));
        vm.load();
        assertThat(vm.health().getError()).isEqualTo("Health checks are unavailable.");
    }

    @Test
    void aServiceIsDescribedWithLatencyOrItsLastError() {
        assertThat(ServicesViewModel.describe(new ServiceHealth("Ollama", true, 14, null))).isEqualTo("Up · 14 ms");
        assertThat(ServicesViewModel.describe(new ServiceHealth("ComfyUI", false, 0, "Refused."))).isEqualTo("Down · Refused.");
    }
}
