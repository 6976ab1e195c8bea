package org.orchestration.ui.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.errors.ForbiddenException;
import org.orchestration.core.llm.CancellationToken;
import org.orchestration.ui.common.ErrorFunnel;
import org.orchestration.ui.common.LoadState;
import org.orchestration.ui.common.Session;
import org.orchestration.ui.demo.DemoBackend;
import org.orchestration.ui.port.UsagePort;
import org.orchestration.ui.testing.Stubs;

class UsageViewModelTest {

    private final DemoBackend backend = Stubs.backend();
    private final Session session = Stubs.signedIn(backend);
    private final UsageViewModel vm = new UsageViewModel(backend, session, Stubs.directTasks(new ErrorFunnel()));

    @AfterEach
    void close() {
        backend.close();
    }

    private void spend() {
        String id = backend.create(session.user(), "P").id();
        backend.saveRequirements(session.user(), id, "x");
        backend.generate(session.user(), id, CancellationToken.none());
    }

    @Test
    void nothingSpentIsTheEmptyState() {
        vm.load();
        assertThat(vm.report().getState()).isEqualTo(LoadState.EMPTY);
    }

    @Test
    void spendIsShownAgainstTheLimits() {
        spend();
        vm.load();
        assertThat(vm.report().getState()).isEqualTo(LoadState.DATA);
        assertThat(vm.getTodayText()).isEqualTo("$0.0042 of $5.00");
        assertThat(vm.todayFractionProperty().get()).isGreaterThan(0);
    }

    @Test
    void aZeroLimitIsSaidAsTheEngineReadsItNoPaidCallsNotNoLimit() {
        assertThat(UsageViewModel.ofLimit(1_000_000, 0)).isEqualTo("$1.00 of $0.00 (no paid calls allowed)");
        assertThat(UsageViewModel.fraction(5, 0)).isEqualTo(1.0);
    }

    @Test
    void csvExportWritesAFileAndSaysWhere(@TempDir Path dir) throws Exception {
        spend();
        vm.exportCsv(dir.resolve("usage"));
        assertThat(Files.readString(dir.resolve("usage.csv"))).startsWith("at,project,model,cost_usd");
        assertThat(vm.getMessage()).isEqualTo("Exported to usage.csv.");
    }

    @Test
    void aRefusedReportShowsTheCoresSentence() {
        UsageViewModel failing = new UsageViewModel(Stubs.failing(UsagePort.class,
                new ForbiddenException("Only an administrator can see everyone's usage.")), session,
                Stubs.directTasks(new ErrorFunnel()));
        failing.load();
        assertThat(failing.report().getError()).isEqualTo("Only an administrator can see everyone's usage.");
    }
}
