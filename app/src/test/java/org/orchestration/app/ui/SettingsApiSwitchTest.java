package org.orchestration.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.auth.User;
import org.orchestration.core.errors.ValidationException;
import org.orchestration.core.settings.AppSettings;
import org.orchestration.core.settings.AppSettingsService;
import org.orchestration.core.settings.PriceRow;

/**
 * The Settings screen's API switch on the real engine (headless, API off at launch): saving it
 * turns the loopback API on, off or onto another port at once, seen by a real HTTP client.
 */
class SettingsApiSwitchTest {

    @TempDir
    Path tmp;
    private RealEngine engine;
    private AppSettingsService settings;
    private User owner;

    @BeforeEach
    void start() {
        engine = RealEngine.start(tmp.resolve("data"));
        settings = engine.services().appSettings();
        owner = engine.owner();
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    private void save(boolean enabled, int port) {
        save(enabled, port, settings.load(owner).prices());
    }

    private void save(boolean enabled, int port, List<PriceRow> prices) {
        AppSettings a = settings.load(owner);
        settings.save(owner, new AppSettings(a.anthropicKeyMasked(), a.ollamaUrl(), a.simulated(), a.routing(),
                a.builtInRouting(), prices, a.dailyBudgetMicros(), a.monthlyBudgetMicros(), a.projectBudgetMicros(), a.concurrency(), a.maxAttempts(),
                enabled, port, a.closeToTray(), a.dataFolder(), a.logFolder()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return free.getLocalPort();
        }
    }

    private static int openApiStatus(int port) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/openapi.json")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void switchingTheApiOnInSettingsServesItAtOnce() throws Exception {
        int port = freePort();
        assertThat(settings.load(owner).apiEnabled()).isFalse();

        save(true, port);

        assertThat(openApiStatus(port)).isEqualTo(200);
        assertThat(settings.load(owner).apiEnabled()).isTrue();
        assertThat(settings.load(owner).apiBaseUrl()).isEqualTo("http://127.0.0.1:" + port + "/api");
    }

    @Test
    void switchingItOffRefusesConnectionsAtOnce() throws Exception {
        int port = freePort();
        save(true, port);

        save(false, port);

        assertThatThrownBy(() -> openApiStatus(port)).isInstanceOf(ConnectException.class);
        assertThat(settings.load(owner).apiEnabled()).isFalse();
    }

    @Test
    void changingThePortMovesTheApi() throws Exception {
        int oldPort = freePort();
        save(true, oldPort);
        int newPort = freePort();

        save(true, newPort);

        assertThat(openApiStatus(newPort)).isEqualTo(200);
        assertThatThrownBy(() -> openApiStatus(oldPort)).isInstanceOf(ConnectException.class);
        assertThat(settings.load(owner).apiPort()).isEqualTo(newPort);
    }

    @Test
    void aSaveRefusedForABadPriceLeavesTheApiAsItWas() throws Exception {
        int port = freePort();
        List<PriceRow> bad = new ArrayList<>(settings.load(owner).prices());
        bad.add(new PriceRow("my-model", -1, 1_000_000));

        assertThatThrownBy(() -> save(true, port, bad)).isInstanceOf(ValidationException.class);

        assertThatThrownBy(() -> openApiStatus(port)).isInstanceOf(ConnectException.class);
        assertThat(settings.load(owner).apiEnabled()).isFalse();
    }

    @Test
    void aPortInUseIsRefusedNamingThePortAndTheScreenStillSaysOff() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> save(true, port))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).contains("apiPort"))
                    .hasMessageContaining("Port " + port + " is already in use");
            assertThat(settings.load(owner).apiEnabled()).isFalse();
        }
    }
}
