package org.orchestration.ui.users;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.orchestration.core.auth.Role;
import org.orchestration.core.auth.User;
import org.orchestration.ui.common.ErrorFunnel;
import org.orchestration.ui.common.LoadState;
import org.orchestration.ui.common.Session;
import org.orchestration.ui.demo.DemoBackend;
import org.orchestration.core.settings.FirstRunRequest;
import org.orchestration.ui.testing.Stubs;

class UsersViewModelTest {

    private final DemoBackend backend = new DemoBackend();
    private final Session session = new Session();
    private final UsersViewModel vm = new UsersViewModel(backend, session, Stubs.directTasks(new ErrorFunnel()));

    {
        session.signIn(backend.completeFirstRun(new FirstRunRequest(true, "admin@example.com", "correct horse battery",
                "", "", true, 0, 0)));
    }

    @AfterEach
    void close() {
        backend.close();
    }

    @Test
    void anAdminSeesTheAccountsAndCanChangeARole() {
        User bob = backend.register("bob@example.com", "Bob", "a long password");
        vm.load();
        assertThat(vm.users().getState()).isEqualTo(LoadState.DATA);
        vm.setRole(bob.id(), Role.ADMIN);
        assertThat(vm.users().getData()).filteredOn(r -> r.user().id().equals(bob.id()))
                .singleElement().satisfies(r -> assertThat(r.user().role()).isEqualTo(Role.ADMIN));
    }

    @Test
    void anAdminCannotDeactivateThemselves() {
        vm.setActive(session.user().id(), false);
        assertThat(vm.getMessage()).isEqualTo("You cannot deactivate your own account.");
    }

    @Test
    void aNonAdminGetsTheCoresRefusal() {
        session.signIn(backend.register("eve@example.com", "Eve", "a long password"));
        vm.load();
        assertThat(vm.users().getError()).isEqualTo("Only an administrator can manage users.");
    }

    @Test
    void resettingAPasswordShowsTheTemporaryOne() {
        User bob = backend.register("bob@example.com", "Bob", "a long password");
        vm.resetPassword(bob.id());
        assertThat(vm.getMessage()).startsWith("Temporary password: ");
    }
}
