package org.orchestration.core.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.config.SettingsStore;
import org.orchestration.core.db.Database;
import org.orchestration.core.errors.ConflictException;
import org.orchestration.core.errors.ForbiddenException;
import org.orchestration.core.errors.NotFoundException;
import org.orchestration.core.errors.StorageException;
import org.orchestration.core.errors.ValidationException;

/**
 * User management for administrators. Every method checks {@link AccessPolicy#requireAdmin} and
 * then, inside the write transaction, that the actor is <em>still</em> an active admin in the
 * database (a session object may be older than a demotion).
 */
public final class UserAdminService {

    public static final int TEMPORARY_PASSWORD_LENGTH = 16;
    /** Letters and digits without look-alikes (0/O, 1/l/I), for passwords read aloud or copied by hand. */
    private static final char[] TEMPORARY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();

    private final SecureRandom random = new SecureRandom();

    private final Database db;
    private final UserTable users;
    private final RefreshTokenTable refreshTokens;
    private final ApiKeyTable apiKeys;
    private final PasswordHasher hasher;
    private final RegistrationSetting registration;
    private final Clock clock;

    public UserAdminService(Database db, SettingsStore settings, PasswordHasher hasher, AppConfig.Auth config, Clock clock) {
        this.db = db;
        this.users = new UserTable(db);
        this.refreshTokens = new RefreshTokenTable(db);
        this.apiKeys = new ApiKeyTable(db);
        this.hasher = hasher;
        this.registration = new RegistrationSetting(settings, config.registrationOpen());
        this.clock = clock;
    }

    /**
     * Every account, oldest first.
     *
     * @throws ForbiddenException when the actor is not an admin
     */
    public List<UserAccount> listUsers(User actor) {
        requireCurrentAdmin(actor);
        return users.listAll();
    }

    /**
     * Deactivates an account and, in the same transaction, revokes all its refresh tokens and API
     * keys: its sessions and keys stop working at once (access tokens too, since every check
     * reloads the user). Deactivating an inactive account does nothing more.
     *
     * @throws NotFoundException when no user has this id
     * @throws ConflictException when it is the last active admin
     * @throws ForbiddenException when the actor is not an admin
     */
    public User deactivate(User actor, String userId) {
        return db.inTransaction(() -> {
            requireCurrentAdmin(actor);
            User target = load(userId);
            if (target.isAdmin() && target.active() && users.countActiveAdmins() <= 1) {
                throw new ConflictException("This is the last active administrator; make someone else an admin first.");
            }
            Instant now = clock.instant();
            users.setActive(target.id(), false);
            refreshTokens.revokeAllOf(target.id(), now);
            apiKeys.revokeAllOf(target.id(), now);
            return load(userId);
        });
    }

    /**
     * Lets a deactivated account sign in again (its old sessions and keys stay revoked).
     *
     * @throws NotFoundException when no user has this id
     * @throws ForbiddenException when the actor is not an admin
     */
    public User reactivate(User actor, String userId) {
        return db.inTransaction(() -> {
            requireCurrentAdmin(actor);
            load(userId);
            users.setActive(userId, true);
            return load(userId);
        });
    }

    /**
     * Sets a new password for any account (the admin's own included) and signs out that
     * account's sessions.
     *
     * @throws ValidationException naming {@code password} when it is malformed
     * @throws NotFoundException when no user has this id
     * @throws ForbiddenException when the actor is not an admin
     */
    public void resetPassword(User actor, String userId, String newPassword) {
        AccessPolicy.requireAdmin(actor);
        String hash = hasher.hash(AccountRules.password(newPassword)); // outside the write lock: bcrypt is slow
        db.inTransaction(() -> {
            requireCurrentAdmin(actor);
            load(userId);
            users.setPasswordHash(userId, hash);
            refreshTokens.revokeAllOf(userId, clock.instant());
        });
    }

    /**
     * Sets a fresh random password of {@value #TEMPORARY_PASSWORD_LENGTH} letters and digits without
     * look-alikes (about 94 bits), signs out that account's sessions and returns the password for the
     * admin to hand over.
     *
     * @throws NotFoundException when no user has this id
     * @throws ForbiddenException when the actor is not an admin
     */
    public String resetToTemporaryPassword(User actor, String userId) {
        AccessPolicy.requireAdmin(actor);
        StringBuilder password = new StringBuilder(TEMPORARY_PASSWORD_LENGTH);
        for (int i = 0; i < TEMPORARY_PASSWORD_LENGTH; i++) {
            password.append(TEMPORARY_ALPHABET[random.nextInt(TEMPORARY_ALPHABET.length)]);
        }
        resetPassword(actor, userId, password.toString());
        return password.toString();
    }

    /**
     * {@link #reactivate} or {@link #deactivate}, as {@code active} says.
     *
     * @throws NotFoundException when no user has this id
     * @throws ConflictException when deactivating the last active admin
     * @throws ForbiddenException when the actor is not an admin
     */
    public User setActive(User actor, String userId, boolean active) {
        return active ? reactivate(actor, userId) : deactivate(actor, userId);
    }

    /**
     * Changes an account's email (e.g. the single-user owner before switching to multi-user mode).
     *
     * @throws ValidationException naming {@code email} when malformed, or "Registration failed"-style
     *         generic failure when another account has it
     * @throws NotFoundException when no user has this id
     * @throws ForbiddenException when the actor is not an admin
     */
    public User changeEmail(User actor, String userId, String email) {
        String clean = AccountRules.email(email);
        try {
            return db.inTransaction(() -> {
                requireCurrentAdmin(actor);
                load(userId);
                users.setEmail(userId, clean);
                return load(userId);
            });
        } catch (StorageException e) {
            if (Database.isConstraintViolation(e)) {
                throw new ValidationException(AccountRules.EMAIL, "Another account already uses this email.");
            }
            throw e;
        }
    }

    /**
     * Makes an account an admin or a plain user.
     *
     * @throws ConflictException when that would leave no active admin
     * @throws NotFoundException when no user has this id
     * @throws ForbiddenException when the actor is not an admin
     */
    public User changeRole(User actor, String userId, Role role) {
        if (role == null) {
            throw new ValidationException("role", "Choose a role.");
        }
        return db.inTransaction(() -> {
            requireCurrentAdmin(actor);
            User target = load(userId);
            if (target.isAdmin() && target.active() && role != Role.ADMIN && users.countActiveAdmins() <= 1) {
                throw new ConflictException("This is the last active administrator; make someone else an admin first.");
            }
            users.setRole(userId, role);
            return load(userId);
        });
    }

    /**
     * Opens or closes registration of new accounts ({@code auth.registration_open}).
     *
     * @throws ForbiddenException when the actor is not an admin
     */
    public void setRegistrationOpen(User actor, boolean open) {
        db.inTransaction(() -> {
            requireCurrentAdmin(actor);
            registration.setOpen(open);
        });
    }

    /** Whether registration is open (the stored setting, else config.json's default). */
    public boolean isRegistrationOpen(User actor) {
        requireCurrentAdmin(actor);
        return registration.isOpen();
    }

    private User load(String userId) {
        return users.findById(userId).orElseThrow(() -> new NotFoundException("No user with this id."));
    }

    private void requireCurrentAdmin(User actor) {
        AccessPolicy.requireAdmin(actor);
        boolean stillAdmin = users.findById(actor.id()).map(u -> u.active() && u.isAdmin()).orElse(false);
        if (!stillAdmin) {
            throw new ForbiddenException("Only an administrator can do this.");
        }
    }
}
