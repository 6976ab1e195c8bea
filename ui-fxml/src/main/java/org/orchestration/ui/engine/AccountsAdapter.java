package org.orchestration.ui.engine;

import java.security.SecureRandom;
import java.util.List;
import org.orchestration.core.auth.AuthService;
import org.orchestration.core.auth.Role;
import org.orchestration.core.auth.User;
import org.orchestration.core.auth.UserAdminService;
import org.orchestration.ui.port.AccountsPort;
import org.orchestration.ui.port.UserRow;

/**
 * {@link AccountsPort} on {@link AuthService} and {@link UserAdminService}. The desktop keeps the
 * returned user, not the tokens; it shares the account service's sign-in limits with the API.
 */
public final class AccountsAdapter implements AccountsPort {

    /** Letters and digits without look-alikes (0/O, 1/l/I), for passwords read aloud or copied by hand. */
    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();
    public static final int TEMPORARY_PASSWORD_LENGTH = 16;

    private final User owner;
    private final AuthService auth;
    private final UserAdminService admin;
    private final SecureRandom random = new SecureRandom();

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
    public List<UserRow> users(User actor) {
        return admin.listUsers(actor).stream().map(a -> new UserRow(a.user(), a.createdAt())).toList();
    }

    @Override
    public void setRole(User actor, String userId, Role role) {
        admin.changeRole(actor, userId, role);
    }

    @Override
    public void setActive(User actor, String userId, boolean active) {
        if (active) {
            admin.reactivate(actor, userId);
        } else {
            admin.deactivate(actor, userId);
        }
    }

    /** Sets a fresh random password (16 characters, about 94 bits) and returns it to hand over. */
    @Override
    public String resetPassword(User actor, String userId) {
        String password = temporaryPassword();
        admin.resetPassword(actor, userId, password);
        return password;
    }

    String temporaryPassword() {
        StringBuilder s = new StringBuilder(TEMPORARY_PASSWORD_LENGTH);
        for (int i = 0; i < TEMPORARY_PASSWORD_LENGTH; i++) {
            s.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return s.toString();
    }

    @Override
    public void setRegistrationOpen(User actor, boolean open) {
        admin.setRegistrationOpen(actor, open);
    }
}
