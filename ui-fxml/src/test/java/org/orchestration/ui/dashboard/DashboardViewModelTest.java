package org.orchestration.ui.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.auth.Role;
import org.orchestration.core.auth.User;
import org.orchestration.core.model.Bounds;
import org.orchestration.core.projects.ProjectPatch;
import org.orchestration.core.projects.ProjectService;
import org.orchestration.core.projects.ProjectSummary;
import org.orchestration.ui.common.ErrorFunnel;
import org.orchestration.ui.common.LoadState;
import org.orchestration.ui.common.Session;
import org.orchestration.ui.common.UiExecutor;
import org.orchestration.ui.common.UiTasks;
import org.orchestration.ui.testing.UiEngine;

class DashboardViewModelTest {

    @TempDir
    static Path dir;
    static UiEngine engine;

    private final Session session = new Session();
    private final List<String> opened = new ArrayList<>();
    private DashboardViewModel vm;

    @BeforeAll
    static void start() {
        engine = UiEngine.start(dir);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    /** Each test is a new user of the shared engine, so it sees only its own projects. */
    @BeforeEach
    void signIn() {
        session.signIn(engine.engine.user(Role.USER));
        vm = new DashboardViewModel(engine.engine.services().projects(), session, new UiTasks(UiExecutor.direct(), new ErrorFunnel()));
        vm.setOnOpen(opened::add);
    }

    @Test
    void theNameRuleIsTheEnginesOwnLimit() {
        assertThat(DashboardViewModel.validateName(" ")).isEqualTo("Give the project a name.");
        assertThat(DashboardViewModel.validateName("n".repeat(Bounds.PROJECT_NAME_MAX))).isEmpty();
        assertThat(DashboardViewModel.validateName("n".repeat(Bounds.PROJECT_NAME_MAX + 1)))
                .isEqualTo("name must be at most " + Bounds.PROJECT_NAME_MAX + " characters (was " + (Bounds.PROJECT_NAME_MAX + 1) + ").");
    }

    @Test
    void theTagFilterAsksTheEngineForThatTagAndListsEveryTagOfTheUsersProjects() {
        ProjectService projects = engine.engine.services().projects();
        User me = session.user();
        String research = projects.create(me, "Research notes", "").id();
        String chores = projects.create(me, "Chores", "").id();
        projects.create(me, "Untagged", "");
        projects.update(me, research, ProjectPatch.tags(List.of("Research", "Q3")));
        projects.update(me, chores, ProjectPatch.tags(List.of("home", "q3")));

        vm.load();
        assertThat(vm.visibleProjects()).hasSize(3);
        assertThat(vm.tags()).as("one choice per tag, ignoring case, sorted").usingElementComparator(String.CASE_INSENSITIVE_ORDER)
                .containsExactly("home", "q3", "research");

        vm.tagFilterProperty().set("research"); // reloads through ProjectService.list(user, tag), ignoring case
        assertThat(vm.visibleProjects()).extracting(ProjectSummary::id).containsExactly(research);
        assertThat(vm.tags()).as("the choices stay while a tag is chosen").hasSize(3);
        vm.tagFilterProperty().set("Q3");
        assertThat(vm.visibleProjects()).extracting(ProjectSummary::id).containsExactlyInAnyOrder(research, chores);
        vm.filterProperty().set("chores"); // the text search narrows what the engine returned
        assertThat(vm.visibleProjects()).extracting(ProjectSummary::id).containsExactly(chores);
        vm.filterProperty().set("");
        vm.tagFilterProperty().set("");
        assertThat(vm.visibleProjects()).hasSize(3);
    }

    @Test
    void theSearchAlsoMatchesTags() {
        ProjectService projects = engine.engine.services().projects();
        String id = projects.create(session.user(), "Plain name", "").id();
        projects.update(session.user(), id, ProjectPatch.tags(List.of("Client work")));
        vm.load();
        vm.filterProperty().set("client");
        assertThat(vm.visibleProjects()).extracting(ProjectSummary::id).containsExactly(id);
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
        assertThat(engine.engine.services().projects().get(session.user(), opened.get(0)).name()).isEqualTo("Weather CLI");
    }

    @Test
    void aBlankNameIsRejectedWithoutACall() {
        vm.create("   ");
        assertThat(vm.getActionError()).isEqualTo("Give the project a name.");
        assertThat(opened).isEmpty();
        assertThat(engine.engine.services().projects().list(session.user())).isEmpty();
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
        User owner = engine.engine.owner();
        User deactivated = engine.engine.services().userAdmin().deactivate(owner, session.user().id());
        Session stale = new Session();
        stale.signIn(deactivated);
        DashboardViewModel failing = new DashboardViewModel(engine.engine.services().projects(), stale,
                new UiTasks(UiExecutor.direct(), new ErrorFunnel()));
        failing.load();
        assertThat(failing.projects().getState()).isEqualTo(LoadState.ERROR);
        assertThat(failing.projects().getError()).isEqualTo("This account is deactivated.");
    }
}
