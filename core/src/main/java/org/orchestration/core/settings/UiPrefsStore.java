package org.orchestration.core.settings;

import org.orchestration.core.config.SettingsStore;

/**
 * The window's preferences for this installation ({@value #KEY}): bounds, last screen, theme.
 * They are read before anyone signs in (to place the window), so no user is asked for.
 */
public final class UiPrefsStore {

    public static final String KEY = "ui.prefs";

    /** Stored form of {@link UiPrefs}: JSON has no NaN, so unsaved bounds are null. */
    record StoredPrefs(Double x, Double y, Double width, Double height, boolean maximized, String screenId,
                       String lastScreen, String theme) {
    }

    private final SettingsStore settings;

    public UiPrefsStore(SettingsStore settings) {
        this.settings = settings;
    }

    /** The stored preferences; the defaults when none are stored or they cannot be read. */
    public UiPrefs load() {
        UiPrefs d = UiPrefs.defaults();
        try {
            return settings.get(KEY, StoredPrefs.class).map(p -> new UiPrefs(orNaN(p.x()), orNaN(p.y()),
                    p.width() == null ? d.width() : p.width(), p.height() == null ? d.height() : p.height(), p.maximized(),
                    p.screenId(), p.lastScreen() == null ? d.lastScreen() : p.lastScreen(), theme(p.theme()))).orElse(d);
        } catch (RuntimeException e) {
            return d; // unreadable preferences are not worth an error: start with the defaults
        }
    }

    public void save(UiPrefs p) {
        settings.put(KEY, new StoredPrefs(finite(p.x()), finite(p.y()), finite(p.width()), finite(p.height()),
                p.maximized(), p.screenId(), p.lastScreen(), p.theme() == null ? ThemeChoice.SYSTEM.name() : p.theme().name()));
    }

    private static double orNaN(Double d) {
        return d == null ? Double.NaN : d;
    }

    private static Double finite(double d) {
        return Double.isFinite(d) ? d : null;
    }

    private static ThemeChoice theme(String name) {
        try {
            return name == null ? ThemeChoice.SYSTEM : ThemeChoice.valueOf(name);
        } catch (IllegalArgumentException e) {
            return ThemeChoice.SYSTEM;
        }
    }
}
