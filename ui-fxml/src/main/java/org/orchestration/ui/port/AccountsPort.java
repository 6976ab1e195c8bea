package org.orchestration.ui.port;

import java.util.List;
import org.orchestration.core.auth.Role;
import org.orchestration.core.auth.User;
import org.orchestration.core.auth.UserAccount;

/** Accounts. Sign-in and registration failures carry the core's generic messages. */
public interface AccountsPort {

    /** The local owner in single-user mode (no sign-in screen). */
    User localUser();

    /** @throws org.orchestration.core.errors.UnauthorizedException with a generic message */
    User signIn(String email, String password);

    User register(String email, String displayName, String password);

    boolean registrationOpen();

    List<UserAccount> users(User admin);

    void setRole(User admin, String userId, Role role);

    void setActive(User admin, String userId, boolean active);

    /** Returns a temporary password to hand over. */
    String resetPassword(User admin, String userId);

    void setRegistrationOpen(User admin, boolean open);
}
