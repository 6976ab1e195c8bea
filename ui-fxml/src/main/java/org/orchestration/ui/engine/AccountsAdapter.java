package org.orchestration.ui.engine;

import java.util.List;
import org.orchestration.core.auth.AuthService;
import org.orchestration.core.auth.Role;
import org.orchestration.core.auth.User;
import org.orchestration.core.auth.UserAdminService;
import org.orchestration.ui.port.AccountsPort;
import org.orchestration.core.auth.UserAccount;

/**
 * {@link AccountsPort} on {@link AuthService} and {@link UserAdminService}. The desktop keeps the
 * returned user, not the tokens; it shares the account service's sign-in limits with the API.
 */
public final class AccountsAdapter implements AccountsPort {

    public static final int TEMPORARY_PASSWORD_LENGTH = UserAdminService.TEMPORARY_PASSWORD_LENGTH;

    private final User owner;
    private final AuthService auth;
    private final UserAdminService admin;

    /** @param owner the local owner in single-user mode, null in multi-user mode */
    AccountsAdapter(User owner, AuthService auth, UserAdminService admin) {
        this.owner = owner;
        this.auth = auth;
        this.admin = admin;
    }

    @Override
    public User localUser() {
        return owner;
    }

    @Override
    public User signIn(String email, String password) {
        return auth.login(email, password).user();
    }

    @Override
    public User register(String email, String displayName, String password) {
        return auth.register(email, password, displayName);
    }

    @Override
    public boolean registrationOpen() {
        return auth.isRegistrationOpen();
    }

    @Override
    public List<UserAccount> users(User actor) {
        return admin.listUsers(actor);
    }

    @Override
    public void setRole(User actor, String userId, Role role) {
        admin.changeRole(actor, userId, role);
    }

    @Override
    public void setActive(User actor, String userId, boolean active) {
        admin.setActive(actor, userId, active);
    }

    @Override
    public String resetPassword(User actor, String userId) {
        return admin.resetToTemporaryPassword(actor, userId);
    }

    @Override
    public void setRegistrationOpen(User actor, boolean open) {
        admin.setRegistrationOpen(actor, open);
    }
}
