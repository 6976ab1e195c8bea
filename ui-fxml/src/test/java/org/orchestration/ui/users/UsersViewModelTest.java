package org.orchestration.ui.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.auth.AuthService;
import org.orchestration.core.auth.Role;
import org.orchestration.core.auth.User;
import org.orchestration.core.auth.UserAdminService;
import org.orchestration.ui.common.ErrorFunnel;
import org.orchestration.ui.common.LoadState;
import org.orchestration.ui.common.Session;
import org.orchestration.ui.common.UiExecutor;
import org.orchestration.ui.common.UiTasks;
import org.orchestration.ui.testing.UiEngine;

class UsersViewModelTest {

    @TempDir
    static Path dir;
    static UiEngine engine;
    static User admin;

    private final Session session = new Session();
    private final UsersViewModel vm = new UsersViewModel(engine.engine.services().userAdmin(), engine.engine.services().auth(), session,
            new UiTasks(UiExecutor.direct(), new ErrorFunnel()));

    {
        session.signIn(admin);
    }

    /** Multi-user mode; the first account registered is the administrator. */
    @BeforeAll
    static void start() {
        engine = UiEngine.startMultiUser(dir);
        admin = engine.engine.services().auth().register("admin@example.com", "correct horse battery", "Admin");
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    /** A new account through the real registration, with an email no other test uses. */
    private static User register(String name) {
        AuthService auth = engine.engine.services().auth();
        return auth.register(name.toLowerCase() + "-" + UUID.randomUUID() + "@example.com", "a long password", name);
    }

    @Test
    void anAdminSeesTheAccountsAndCanChangeARole() {
        User bob = register("Bob");
        vm.load();
        assertThat(vm.users().getState()).isEqualTo(LoadState.DATA);
        vm.setRole(bob.id(), Role.ADMIN);
        assertThat(vm.users().getData()).filteredOn(r -> r.user().id().equals(bob.id()))
                .singleElement().satisfies(r -> assertThat(r.user().role()).isEqualTo(Role.ADMIN));
    }

    @Test
    void theLastActiveAdminCannotDeactivateThemselves() {
        UserAdminService accounts = engine.engine.services().userAdmin();
        accounts.listUsers(admin).stream().map(a -> a.user())
                .filter(u -> u.isAdmin() && u.active() && !u.id().equals(admin.id()))
                .forEach(u -> accounts.changeRole(admin, u.id(), Role.USER)); // other tests promote accounts
        vm.setActive(session.user().id(), false);
        assertThat(vm.getMessage()).isEqualTo("This is the last active administrator; make someone else an admin first.");
        assertThat(accounts.listUsers(admin)).filteredOn(a -> a.user().id().equals(admin.id()))
                .singleElement().satisfies(a -> assertThat(a.user().active()).isTrue());
    }

    @Test
    void aNonAdminGetsTheCoresRefusal() {
        session.signIn(register("Eve"));
        vm.load();
        assertThat(vm.users().getError()).isEqualTo("Only an administrator can do this.");
    }

    @Test
    void resettingAPasswordShowsTheTemporaryOne() {
        User bob = register("Bob");
        vm.resetPassword(bob.id());
        assertThat(vm.getMessage()).startsWith("Temporary password: ");
    }
}
