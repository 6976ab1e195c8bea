package org.orchestration.ui.common;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Guesses whether the OS prefers a dark theme, with cheap heuristics: GTK_THEME ending in
 * ":dark", GNOME's color-scheme, macOS AppleInterfaceStyle, Windows AppsUseLightTheme. Any
 * failure means light. Call off the UI thread (it may start a short process).
 */
public final class OsTheme {

    private final Map<String, String> env;
    private final String osName;
    private final Function<List<String>, String> command;

    public OsTheme(Map<String, String> env, String osName, Function<List<String>, String> command) {
        this.env = env;
        this.osName = osName.toLowerCase(Locale.ROOT);
        this.command = command;
    }

    public static OsTheme system() {
        return new OsTheme(System.getenv(), System.getProperty("os.name", ""), OsTheme::run);
    }

    public boolean prefersDark() {
        String gtk = env.getOrDefault("GTK_THEME", "").toLowerCase(Locale.ROOT);
        if (gtk.contains("dark")) {
            return true;
        }
        if (osName.contains("mac")) {
            return command.apply(List.of("defaults", "read", "-g", "AppleInterfaceStyle")).toLowerCase(Locale.ROOT).contains("dark");
        }
        if (osName.contains("win")) {
            String out = command.apply(List.of("reg", "query",
                    "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize", "/v", "AppsUseLightTheme"));
            return out.contains("0x0");
        }
        return command.apply(List.of("gsettings", "get", "org.gnome.desktop.interface", "color-scheme")).contains("dark");
    }

    private static String run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            if (!p.waitFor(700, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return "";
            }
            try (InputStream in = p.getInputStream()) {
                return new String(in.readNBytes(4096), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
