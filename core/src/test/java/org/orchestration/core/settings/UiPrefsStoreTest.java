package org.orchestration.core.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.testing.TestEngine;

/** The window's preferences in the settings table of the real engine. */
class UiPrefsStoreTest {

    @TempDir
    static Path dir;
    static TestEngine engine;
    static UiPrefsStore prefs;

    @BeforeAll
    static void start() {
        engine = TestEngine.start(dir);
        prefs = new UiPrefsStore(engine.settings);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void preferencesSurviveWithUnsavedBoundsStillUnsaved() {
        prefs.save(UiPrefs.defaults().withTheme(ThemeChoice.DARK).withLastScreen("usage"));

        UiPrefs back = prefs.load();

        assertThat(back.theme()).isEqualTo(ThemeChoice.DARK);
        assertThat(back.lastScreen()).isEqualTo("usage");
        assertThat(back.x()).isNaN();
        assertThat(back.width()).isEqualTo(UiPrefs.defaults().width());
    }

    @Test
    void savedWindowBoundsComeBack() {
        prefs.save(UiPrefs.defaults().withWindow(10, 20, 900, 700, true, "screen-1"));

        assertThat(prefs.load()).isEqualTo(new UiPrefs(10, 20, 900, 700, true, "screen-1", "dashboard", ThemeChoice.SYSTEM));
    }

    @Test
    void unreadablePreferencesGiveTheDefaults() {
        engine.settings.put(UiPrefsStore.KEY, "not an object");
        assertThat(prefs.load()).isEqualTo(UiPrefs.defaults()); // record equality counts NaN bounds as equal

        engine.settings.put(UiPrefsStore.KEY, new UiPrefsStore.StoredPrefs(null, null, null, null, false, null, null, "PURPLE"));
        assertThat(prefs.load().theme()).isEqualTo(ThemeChoice.SYSTEM);
    }
}
