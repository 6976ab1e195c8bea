package org.orchestration.core.auth;

import java.util.Locale;
import java.util.Optional;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.config.SettingsStore;
import org.orchestration.core.db.Database;
import org.orchestration.core.errors.ConflictException;
import org.orchestration.core.errors.ValidationException;

/**
 * The Settings screen's "single-user / multi-user" switch. The mode in force is start-up
 * configuration ({@code auth.mode} in config.json, or {@code --multi-user}); an admin's choice is
 * stored here ({@value #KEY} in the settings table) and takes effect at the next start, when the
 * app asks {@link #modeAtStart}.
 *
 * <p>Switching to multi-user mode needs an admin who can sign in: the single-user owner has no
 * usable password until an admin sets one ({@link UserAdminService#resetPassword}), so the switch
 * is refused before it could lock everyone out.
 */
public final class AuthModeSwitch {

    static final String KEY = "auth.mode";

    private final Database db;
    private final SettingsStore settings;
    private final UserTable users;

    public AuthModeSwitch(Database db, SettingsStore settings) {
        this.db = db;
        this.settings = settings;
        this.users = new UserTable(db);
    }

    /**
     * The mode to run in: {@code commandLine} when given (the {@code --multi-user} flag), else
     * an admin's stored choice, else config.json's.
     */
    public AppConfig.AuthMode modeAtStart(AppConfig.AuthMode configured, Optional<AppConfig.AuthMode> commandLine) {
        if (commandLine.isPresent()) {
            return commandLine.get();
        }
        return stored().orElse(configured);
    }

    /** The admin's stored choice, if any. */
    public Optional<AppConfig.AuthMode> stored() {
        return settings.get(KEY, String.class).flatMap(AuthModeSwitch::parse);
    }

    /**
     * Stores the mode for the next start.
     *
     * @throws org.orchestration.core.errors.ForbiddenException when the actor is not an admin
     * @throws ConflictException when switching to multi-user mode while no active admin has a password
     * @throws ValidationException naming {@code mode} when it is null
     */
    public void requestMode(User actor, AppConfig.AuthMode mode) {
        AccessPolicy.requireAdmin(actor);
        if (mode == null) {
            throw new ValidationException("mode", "Choose single-user or multi-user mode.");
        }
        db.inTransaction(() -> {
            if (mode == AppConfig.AuthMode.MULTI && users.countActiveAdminsWithPassword() == 0) {
                throw new ConflictException("Set a password for an administrator account before switching to multi-user mode; "
                        + "otherwise nobody could sign in.");
            }
            settings.put(KEY, mode.name().toLowerCase(Locale.ROOT));
        });
    }

    private static Optional<AppConfig.AuthMode> parse(String value) {
        return switch (value) {
            case "single" -> Optional.of(AppConfig.AuthMode.SINGLE);
            case "multi" -> Optional.of(AppConfig.AuthMode.MULTI);
            default -> Optional.empty();
        };
    }
}
