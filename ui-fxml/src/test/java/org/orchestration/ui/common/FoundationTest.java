package org.orchestration.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orchestration.core.settings.ThemeChoice;

class FoundationTest {

    @Test
    void callbacksLandOnTheUiExecutor() {
        List<String> where = new ArrayList<>();
        UiExecutor ex = UiExecutor.of(Runnable::run, r -> {
            where.add("ui");
            r.run();
        });
        new UiTasks(ex, new ErrorFunnel()).create(() -> 1).onSuccess(v -> where.add("success")).start();
        assertThat(where).containsExactly("ui", "success");
    }

    @Test
    void aCancelledTaskDropsItsCallbacks() {
        List<Runnable> ui = new ArrayList<>();
        List<Integer> got = new ArrayList<>();
        UiTasks.Handle h = new UiTasks(UiExecutor.of(Runnable::run, ui::add), new ErrorFunnel())
                .create(() -> 1).onSuccess(got::add).start();
        h.cancel();
        ui.forEach(Runnable::run);
        assertThat(got).isEmpty();
    }

    @Test
    void aBurstOfEventsIsAppliedOncePerFrame() {
        List<Runnable> frames = new ArrayList<>();
        List<List<Integer>> batches = new ArrayList<>();
        FrameCoalescer<Integer> c = new FrameCoalescer<>(frames::add, batches::add);
        for (int i = 0; i < 500; i++) {
            c.offer(i);
        }
        assertThat(frames).hasSize(1);
        frames.get(0).run();
        assertThat(batches).singleElement().satisfies(b -> assertThat(b).hasSize(500));
        c.offer(501);
        assertThat(frames).hasSize(2);
    }

    @Test
    void routesRoundTripThroughTheirIds() {
        for (Route r : List.of(new Route.Dashboard(), new Route.Project("p1"), new Route.Task("t1"), new Route.Usage(),
                new Route.Knowledge(), new Route.Services(), new Route.Settings(), new Route.Users())) {
            assertThat(Route.parse(r.id())).isEqualTo(r);
        }
        assertThat(Route.parse("nonsense/4")).isEqualTo(new Route.Dashboard());
        assertThat(Route.parse(null)).isEqualTo(new Route.Dashboard());
    }

    @Test
    void navigatorGoesBackToThePreviousScreen() {
        Navigator n = new Navigator();
        n.go(new Route.Usage());
        n.go(new Route.Project("p"));
        n.goBack();
        assertThat(n.getCurrent()).isEqualTo(new Route.Usage());
    }

    @Test
    void darkThemeIsDetectedFromGtkThemeOrGnomeColorScheme() {
        assertThat(new OsTheme(Map.of("GTK_THEME", "Adwaita:dark"), "Linux", c -> "").prefersDark()).isTrue();
        assertThat(new OsTheme(Map.of(), "Linux", c -> "'prefer-dark'").prefersDark()).isTrue();
        assertThat(new OsTheme(Map.of(), "Linux", c -> "'default'").prefersDark()).isFalse();
        assertThat(new OsTheme(Map.of(), "Mac OS X", c -> "Dark").prefersDark()).isTrue();
        assertThat(new OsTheme(Map.of(), "Windows 11", c -> "AppsUseLightTheme    REG_DWORD    0x0").prefersDark()).isTrue();
    }

    @Test
    void systemThemeChoiceFollowsTheOs() {
        assertThat(Theme.isDark(ThemeChoice.SYSTEM, true)).isTrue();
        assertThat(Theme.isDark(ThemeChoice.LIGHT, true)).isFalse();
        assertThat(Theme.isDark(ThemeChoice.DARK, false)).isTrue();
    }

    @Test
    void dollarAmountsParseOrAreRejected() {
        assertThat(Format.parseUsd("$2.50")).isEqualTo(2_500_000);
        assertThat(Format.parseUsd("0")).isZero();
        assertThat(Format.parseUsd("-1")).isEqualTo(-1);
        assertThat(Format.parseUsd("ten")).isEqualTo(-1);
    }
}
