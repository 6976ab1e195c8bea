package org.orchestration.core.settings;

/**
 * Per-installation window and UI preferences. Window bounds are NaN when never saved;
 * {@code lastScreen} is a route such as "dashboard", "project/ID", "usage".
 */
public record UiPrefs(double x, double y, double width, double height, boolean maximized, String screenId,
                      String lastScreen, ThemeChoice theme) {

    public static UiPrefs defaults() {
        return new UiPrefs(Double.NaN, Double.NaN, 1280, 800, false, null, "dashboard", ThemeChoice.SYSTEM);
    }

    public UiPrefs withTheme(ThemeChoice t) {
        return new UiPrefs(x, y, width, height, maximized, screenId, lastScreen, t);
    }

    public UiPrefs withLastScreen(String s) {
        return new UiPrefs(x, y, width, height, maximized, screenId, s, theme);
    }

    public UiPrefs withWindow(double nx, double ny, double w, double h, boolean max, String screen) {
        return new UiPrefs(nx, ny, w, h, max, screen, lastScreen, theme);
    }
}
