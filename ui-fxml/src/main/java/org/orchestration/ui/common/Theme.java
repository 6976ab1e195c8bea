package org.orchestration.ui.common;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.util.Objects;
import javafx.application.Application;
import javafx.scene.Scene;
import org.orchestration.core.settings.ThemeChoice;

/** Applies AtlantaFX Primer light/dark as the user-agent stylesheet plus the app's own CSS. */
public final class Theme {

    public static final String APP_CSS = Objects.requireNonNull(
            Theme.class.getResource("/org/orchestration/ui/app.css")).toExternalForm();

    private final boolean osPrefersDark;

    public Theme(boolean osPrefersDark) {
        this.osPrefersDark = osPrefersDark;
    }

    public static boolean isDark(ThemeChoice choice, boolean osPrefersDark) {
        return choice == ThemeChoice.DARK || (choice == ThemeChoice.SYSTEM && osPrefersDark);
    }

    public void apply(ThemeChoice choice) {
        boolean dark = isDark(choice, osPrefersDark);
        Application.setUserAgentStylesheet(dark
                ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }

    public static void style(Scene scene) {
        if (!scene.getStylesheets().contains(APP_CSS)) {
            scene.getStylesheets().add(APP_CSS);
        }
    }
}
