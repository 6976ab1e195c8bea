package org.orchestration.ui.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.ui.common.ErrorFunnel;
import org.orchestration.ui.common.LoadState;
import org.orchestration.ui.common.Session;
import org.orchestration.ui.common.UiExecutor;
import org.orchestration.ui.common.UiTasks;
import org.orchestration.core.monitor.ServiceHealth;
import org.orchestration.ui.testing.UiEngine;

class ServicesViewModelTest {

    @TempDir
    static Path dir;
    static UiEngine engine;

    @BeforeAll
    static void start() {
        engine = UiEngine.start(dir);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private ServicesViewModel viewModel() {
        Session session = new Session();
        session.signIn(engine.engine.owner());
        return new ServicesViewModel(engine.engine.services().serviceChecks(), session, new UiTasks(UiExecutor.direct(), new ErrorFunnel()));
    }

    @Test
    void healthAndToolsLoad() {
        ServicesViewModel vm = viewModel();
        vm.load();
        assertThat(vm.health().getState()).isEqualTo(LoadState.DATA);
        assertThat(vm.health().getData()).extracting(ServicesViewModel::name).contains("Anthropic", "Ollama", "ComfyUI");
        // the test engine registers no tools: the list loads, empty
        assertThat(vm.tools().getState()).isEqualTo(LoadState.EMPTY);
    }

    @Test
    void aFailedCheckShowsTheServiceDownWithItsError() {
        // nothing listens on the configured Ollama address in tests: the real check fails and says why
        ServicesViewModel vm = viewModel();
        vm.load();
        assertThat(vm.health().getData()).filteredOn(h -> ServicesViewModel.name(h).equals("Ollama")).singleElement().satisfies(h -> {
            assertThat(h.up()).isFalse();
            assertThat(h.lastError()).isNotBlank();
            assertThat(ServicesViewModel.describe(h)).isEqualTo("Down · " + h.lastError());
        });
    }

    @Test
    void aServiceIsDescribedWithLatencyOrItsLastError() {
        assertThat(ServicesViewModel.describe(new ServiceHealth("ollama", true, 14, null, null, Instant.EPOCH))).isEqualTo("Up · 14 ms");
        assertThat(ServicesViewModel.describe(new ServiceHealth("comfyui", false, 0, null, "Refused.", Instant.EPOCH))).isEqualTo("Down · Refused.");
    }
}
