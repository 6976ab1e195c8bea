package org.orchestration.ui.users;

import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.orchestration.core.auth.Role;
import org.orchestration.ui.common.Loadable;
import org.orchestration.ui.common.Session;
import org.orchestration.ui.common.UiTasks;
import org.orchestration.ui.port.AccountsPort;
import org.orchestration.core.auth.UserAccount;

/** Admin: accounts, roles, deactivate, reset password, registration open/closed. */
public final class UsersViewModel {

    private final AccountsPort port;
    private final Session session;
    private final UiTasks tasks;
    private final Loadable<List<UserAccount>> users;
    private final ReadOnlyBooleanWrapper registrationOpen = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");

    public UsersViewModel(AccountsPort port, Session session, UiTasks tasks) {
        this.port = port;
        this.session = session;
        this.tasks = tasks;
        this.users = Loadable.of(tasks);
    }

    public Loadable<List<UserAccount>> users() { return users; }
    public ReadOnlyBooleanProperty registrationOpenProperty() { return registrationOpen.getReadOnlyProperty(); }
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    public String getMessage() { return message.get(); }

    public void load() {
        users.load(() -> port.users(session.user()));
        tasks.create(port::registrationOpen).onSuccess(registrationOpen::set).onError(message::set).start();
    }

    public void setRole(String userId, Role role) {
        act(() -> port.setRole(session.user(), userId, role), "Role changed.");
    }

    public void setActive(String userId, boolean active) {
        act(() -> port.setActive(session.user(), userId, active), active ? "Account reactivated." : "Account deactivated.");
    }

    public void resetPassword(String userId) {
        tasks.create(() -> port.resetPassword(session.user(), userId))
                .onSuccess(temp -> message.set("Temporary password: " + temp + " (hand it over; it must be changed at sign-in)."))
                .onError(message::set).start();
    }

    public void setRegistrationOpen(boolean open) {
        act(() -> port.setRegistrationOpen(session.user(), open), open ? "Registration is open." : "Registration is closed.");
    }

    private void act(UiTasks.ThrowingRunnable action, String done) {
        tasks.run(action).onSuccess(v -> {
            message.set(done);
            load();
        }).onError(message::set).start();
    }
}
