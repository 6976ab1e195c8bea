package org.orchestration.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.app.lifecycle.Lifecycle;
import org.orchestration.core.config.SettingsStore;
import org.orchestration.core.db.Database;
import org.orchestration.core.errors.ValidationException;

/** The Settings screen's API switch turns the loopback API on from the next start. */
class ApiSwitchTest {

    @TempDir
    Path tmp;

    @Test
    void theStoredSwitchStartsTheApiOnItsPortAtTheNextStart() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path data = tmp.resolve("data");
        java.nio.file.Files.createDirectories(data);
        try (Database db = Database.open(data.resolve("engine.db"))) {
            ApiSwitch.store(new SettingsStore(db, Clock.systemUTC()), true, port);
        }

        CompositionRoot root = new CompositionRoot(LaunchOptions.headless(tmp.resolve("none.json"), data), () -> { });
        Lifecycle lifecycle = new Lifecycle(root.steps());
        lifecycle.start();
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/openapi.json")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(root.config().api().enabled()).isTrue();
        } finally {
            lifecycle.close();
        }
    }

    @Test
    void aPortOutsideTheUserRangeIsRefusedNamingTheField() throws Exception {
        try (Database db = Database.open(tmp.resolve("engine.db"))) {
            SettingsStore settings = new SettingsStore(db, Clock.systemUTC());
            assertThatThrownBy(() -> ApiSwitch.store(settings, true, 80))
                    .isInstanceOf(ValidationException.class)
                    .satisfies(e -> assertThat(((ValidationException) e).field()).contains("apiPort"));
            assertThat(settings.get(ApiSwitch.ENABLED_KEY, Boolean.class)).isEmpty();
        }
    }
}
