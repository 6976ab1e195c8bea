package org.orchestration.ui.users;

import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.orchestration.core.auth.AuthService;
import org.orchestration.core.auth.Role;
import org.orchestration.core.auth.UserAdminService;
import org.orchestration.ui.common.Loadable;
import org.orchestration.ui.common.Session;
import org.orchestration.ui.common.UiTasks;
import org.orchestration.core.auth.UserAccount;

/** Admin: accounts, roles, deactivate, reset password, registration open/closed. */
public final class UsersViewModel {

    private final UserAdminService admin;
    private final AuthService auth;
    private final Session session;
    private final UiTasks tasks;
    private final Loadable<List<UserAccount>> users;
    private final ReadOnlyBooleanWrapper registrationOpen = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");

    /** @param auth answers whether registration is open */
    public UsersViewModel(UserAdminService admin, AuthService auth, Session session, UiTasks tasks) {
        this.admin = admin;
        this.auth = auth;
        this.session = session;
        this.tasks = tasks;
        this.users = Loadable.of(tasks);
    }

    public Loadable<List<UserAccount>> users() { return users; }
    public ReadOnlyBooleanProperty registrationOpenProperty() { return registrationOpen.getReadOnlyProperty(); }
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    public String getMessage() { return message.get(); }

    public void load() {
        users.load(() -> admin.listUsers(session.user()));
        tasks.create(auth::isRegistrationOpen).onSuccess(registrationOpen::set).onError(message::set).start();
    }

    public void setRole(String userId, Role role) {
        act(() -> admin.changeRole(session.user(), userId, role), "Role changed.");
    }

    public void setActive(String userId, boolean active) {
        act(() -> admin.setActive(session.user(), userId, active), active ? "Account reactivated." : "Account deactivated.");
    }

    public void resetPassword(String userId) {
        tasks.create(() -> admin.resetToTemporaryPassword(session.user(), userId))
                .onSuccess(temp -> message.set("Temporary password: " + temp + " (hand it over; it must be changed at sign-in)."))
                .onError(message::set).start();
    }

    public void setRegistrationOpen(boolean open) {
        act(() -> admin.setRegistrationOpen(session.user(), open), open ? "Registration is open." : "Registration is closed.");
    }

    private void act(UiTasks.ThrowingRunnable action, String done) {
        tasks.run(action).onSuccess(v -> {
            message.set(done);
            load();
        }).onError(message::set).start();
    }
}
