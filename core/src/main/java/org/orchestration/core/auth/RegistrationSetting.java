package org.orchestration.core.auth;

import org.orchestration.core.config.SettingsStore;

/**
 * Whether anyone may register ({@code auth.registration_open} in the settings table; until an
 * admin sets it, {@code auth.registration_open} from config.json decides).
 */
final class RegistrationSetting {

    static final String KEY = "auth.registration_open";

    private final SettingsStore settings;
    private final boolean configDefault;

    RegistrationSetting(SettingsStore settings, boolean configDefault) {
        this.settings = settings;
        this.configDefault = configDefault;
    }

    boolean isOpen() {
        return settings.get(KEY, Boolean.class, configDefault);
    }

    void setOpen(boolean open) {
        settings.put(KEY, open);
    }
}
