package org.orchestration.app;

import org.orchestration.core.api.ApiSwitch;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.app.lifecycle.Lifecycle;
import org.orchestration.core.api.ApiOptions;
import org.orchestration.core.api.ApiServer;
import org.orchestration.core.config.SettingsStore;
import org.orchestration.core.db.Database;
import org.orchestration.core.errors.ValidationException;
import org.orchestration.core.testing.TestEngine;

/**
 * The loopback API's switch: the stored choice starts it at launch, and a change applies at once —
 * on, off, another port — checked with a real HTTP client on real loopback ports.
 */
class ApiSwitchTest {

    @TempDir
    Path tmp;
    private TestEngine engine;
    private SettingsStore settings;
    private ApiSwitch api;

    @BeforeEach
    void open() throws IOException {
        engine = TestEngine.start(Files.createDirectories(tmp.resolve("engine")));
        settings = engine.settings;
        api = new ApiSwitch(settings, port -> ApiServer.start(ApiOptions.loopbackDefaults().withPort(port), engine.services(),
                engine.background()));
    }

    @AfterEach
    void close() {
        api.close();
        engine.close();
    }

    private static int freePort() throws IOException {
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return free.getLocalPort();
        }
    }

    private static int openApiStatus(int port) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/openapi.json")).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode();
    }

    @Test
    void turningItOnStartsTheApiAtOnce() throws Exception {
        int port = freePort();

        api.apply(true, port);

        assertThat(openApiStatus(port)).isEqualTo(200);
        assertThat(api.baseUrl()).contains("http://127.0.0.1:" + port);
        assertThat(settings.get(ApiSwitch.ENABLED_KEY, Boolean.class)).contains(true);
        assertThat(settings.get(ApiSwitch.PORT_KEY, Integer.class)).contains(port);
    }

    @Test
    void turningItOffRefusesConnectionsAtOnce() throws Exception {
        int port = freePort();
        api.apply(true, port);

        api.apply(false, port);

        assertThatThrownBy(() -> openApiStatus(port)).isInstanceOf(ConnectException.class);
        assertThat(api.runningPort()).isEmpty();
        assertThat(settings.get(ApiSwitch.ENABLED_KEY, Boolean.class)).contains(false);
    }

    @Test
    void aPortChangeMovesTheApiToTheNewPortAndFreesTheOldOne() throws Exception {
        int oldPort = freePort();
        api.apply(true, oldPort);
        int newPort = freePort();

        api.apply(true, newPort);

        assertThat(openApiStatus(newPort)).isEqualTo(200);
        assertThatThrownBy(() -> openApiStatus(oldPort)).isInstanceOf(ConnectException.class);
        assertThat(settings.get(ApiSwitch.PORT_KEY, Integer.class)).contains(newPort);
    }

    @Test
    void savingTheSamePortAgainKeepsTheRunningServer() throws Exception {
        int port = freePort();
        api.apply(true, port);
        String before = api.baseUrl().orElseThrow();

        api.apply(true, port);

        assertThat(api.baseUrl()).contains(before);
        assertThat(openApiStatus(port)).isEqualTo(200);
    }

    @Test
    void aPortInUseIsASentenceNamingThePortAndTheSwitchStaysOff() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> api.apply(true, port))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).contains("apiPort"))
                    .hasMessage("Port " + port + " is already in use by another program; choose another port for the API.");
            assertThat(api.runningPort()).isEmpty();
            assertThat(settings.get(ApiSwitch.ENABLED_KEY, Boolean.class)).isEmpty();
        }
    }

    @Test
    void aPortInUseWhileMovingKeepsTheApiRunningWhereItWas() throws Exception {
        int port = freePort();
        api.apply(true, port);
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> api.apply(true, taken.getLocalPort()))
                    .isInstanceOf(ValidationException.class).hasMessageContaining(Integer.toString(taken.getLocalPort()));
        }

        assertThat(openApiStatus(port)).isEqualTo(200);
        assertThat(settings.get(ApiSwitch.PORT_KEY, Integer.class)).contains(port);
    }

    @Test
    void aPortOutsideTheUserRangeIsRefusedNamingTheField() {
        assertThatThrownBy(() -> api.apply(true, 80))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).contains("apiPort"));
        assertThat(settings.get(ApiSwitch.ENABLED_KEY, Boolean.class)).isEmpty();
        assertThat(api.runningPort()).isEmpty();
    }

    @Test
    void closingTheSwitchStopsTheApi() throws Exception {
        int port = freePort();
        api.apply(true, port);

        api.close();

        assertThatThrownBy(() -> openApiStatus(port)).isInstanceOf(ConnectException.class);
    }

    @Test
    void theStoredSwitchStartsTheApiOnItsPortAtTheNextStart() throws Exception {
        int port = freePort();
        Path data = tmp.resolve("data");
        Files.createDirectories(data);
        try (Database engineDb = Database.open(data.resolve("engine.db"))) {
            SettingsStore stored = new SettingsStore(engineDb, Clock.systemUTC());
            stored.put(ApiSwitch.ENABLED_KEY, true);
            stored.put(ApiSwitch.PORT_KEY, port);
        }

        CompositionRoot root = new CompositionRoot(LaunchOptions.headless(tmp.resolve("none.json"), data), () -> { });
        Lifecycle lifecycle = new Lifecycle(root.steps());
        lifecycle.start();
        try {
            assertThat(openApiStatus(port)).isEqualTo(200);
            assertThat(root.config().api().enabled()).isTrue();
            assertThat(root.apiSwitch().runningPort()).contains(port);
        } finally {
            lifecycle.close();
        }
        assertThatThrownBy(() -> openApiStatus(port)).isInstanceOf(ConnectException.class);
    }
}
