package org.orchestration.ui.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.orchestration.core.errors.StorageException;
import org.orchestration.core.model.Bounds;
import org.orchestration.ui.common.ErrorFunnel;
import org.orchestration.ui.common.LoadState;
import org.orchestration.ui.demo.DemoBackend;
import org.orchestration.ui.port.ProjectsPort;
import org.orchestration.ui.testing.Stubs;

class DashboardViewModelTest {

    private final DemoBackend backend = Stubs.backend();
    private final DashboardViewModel vm = new DashboardViewModel(backend, Stubs.signedIn(backend),
            Stubs.directTasks(new ErrorFunnel()));
    private final List<String> opened = new ArrayList<>();

    {
        vm.setOnOpen(opened::add);
    }

    @AfterEach
    void close() {
        backend.close();
    }

    @Test
    void theNameRuleIsTheEnginesOwnLimit() {
        assertThat(DashboardViewModel.validateName(" ")).isEqualTo("Give the project a name.");
        assertThat(DashboardViewModel.validateName("n".repeat(Bounds.PROJECT_NAME_MAX))).isEmpty();
        assertThat(DashboardViewModel.validateName("n".repeat(Bounds.PROJECT_NAME_MAX + 1)))
                .isEqualTo("name must be at most " + Bounds.PROJECT_NAME_MAX + " characters (was " + (Bounds.PROJECT_NAME_MAX + 1) + ").");
    }

    @Test
    void noProjectsIsTheEmptyState() {
        vm.load();
        assertThat(vm.projects().getState()).isEqualTo(LoadState.EMPTY);
    }

    @Test
    void creatingAProjectOpensIt() {
        vm.create("  Weather CLI ");
        assertThat(opened).hasSize(1);
        vm.load();
        assertThat(vm.visibleProjects()).singleElement().satisfies(p -> assertThat(p.name()).isEqualTo("Weather CLI"));
    }

    @Test
    void aBlankNameIsRejectedWithoutACall() {
        vm.create("   ");
        assertThat(vm.getActionError()).isEqualTo("Give the project a name.");
        assertThat(opened).isEmpty();
    }

    @Test
    void theSearchFiltersByName() {
        vm.create("Alpha");
        vm.create("Beta");
        vm.load();
        vm.filterProperty().set("alp");
        assertThat(vm.visibleProjects()).extracting(p -> p.name()).containsExactly("Alpha");
    }

    @Test
    void renameAndDeleteUpdateTheList() {
        vm.create("Alpha");
        vm.load();
        String id = vm.visibleProjects().get(0).id();
        vm.rename(id, "Gamma");
        assertThat(vm.visibleProjects()).extracting(p -> p.name()).containsExactly("Gamma");
        vm.delete(id);
        assertThat(vm.projects().getState()).isEqualTo(LoadState.EMPTY);
    }

    @Test
    void aFailingListShowsTheErrorState() {
        DashboardViewModel failing = new DashboardViewModel(
                Stubs.failing(ProjectsPort.class, new StorageException("The database is locked.")),
                Stubs.signedIn(backend), Stubs.directTasks(new ErrorFunnel()));
        failing.load();
        assertThat(failing.projects().getState()).isEqualTo(LoadState.ERROR);
        assertThat(failing.projects().getError()).isEqualTo("The database is locked.");
    }
}
