package org.orchestration.core.auth;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.orchestration.core.config.SettingsStore;
import org.orchestration.core.db.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Single-user mode's account: the local owner, an admin created on first start with a password
 * nobody knows (the stored hash is not a bcrypt hash, so no password matches it). The desktop
 * signs in as the owner without a login screen; remote clients use the owner's API keys.
 *
 * <p>The owner's id is kept in the settings table ({@value #OWNER_KEY}). Everything happens in
 * one {@code BEGIN IMMEDIATE} transaction, so two starts racing each other end with one owner.
 */
public final class SingleUserBootstrap {

    private static final Logger log = LoggerFactory.getLogger(SingleUserBootstrap.class);

    static final String OWNER_KEY = "auth.single_user_owner_id";
    static final String OWNER_EMAIL = "owner@localhost";

    private final Database db;
    private final SettingsStore settings;
    private final UserTable users;
    private final PasswordHasher hasher;
    private final Clock clock;
    private final String ownerName;

    /** @param ownerName the owner's display name, e.g. the operating-system user name */
    public SingleUserBootstrap(Database db, SettingsStore settings, PasswordHasher hasher, Clock clock, String ownerName) {
        this.db = db;
        this.settings = settings;
        this.users = new UserTable(db);
        this.hasher = hasher;
        this.clock = clock;
        this.ownerName = ownerName == null || ownerName.isBlank() ? "Owner" : ownerName.strip();
    }

    /**
     * The local owner: created on the first call, the same account on every later call. If the
     * database already has accounts (the app ran in multi-user mode before), the earliest active
     * admin becomes the owner. The owner is kept active and admin, since it is the only way in.
     */
    public User ensureOwner() {
        return db.inTransaction(() -> {
            Optional<User> recorded = settings.get(OWNER_KEY, String.class).flatMap(users::findById);
            if (recorded.isPresent()) {
                return keepUsable(recorded.get());
            }
            User owner = users.firstActiveAdmin().orElseGet(this::createOwner);
            settings.put(OWNER_KEY, owner.id());
            return owner;
        });
    }

    private User keepUsable(User owner) {
        if (owner.active() && owner.isAdmin()) {
            return owner;
        }
        log.warn("The single-user owner {} was deactivated or demoted; restoring it as an active admin", owner.id());
        users.setActive(owner.id(), true);
        users.setRole(owner.id(), Role.ADMIN);
        return new User(owner.id(), owner.email(), owner.displayName(), Role.ADMIN, true);
    }

    private User createOwner() {
        String id = UUID.randomUUID().toString();
        String email = users.emailExists(OWNER_EMAIL) ? "owner-" + id.substring(0, 8) + "@localhost" : OWNER_EMAIL;
        User owner = new User(id, email, AccountRules.displayName(ownerName), Role.ADMIN, true);
        users.insert(owner, hasher.unusableHash(), clock.instant());
        log.info("Created the single-user owner account {}", id);
        return owner;
    }
}
