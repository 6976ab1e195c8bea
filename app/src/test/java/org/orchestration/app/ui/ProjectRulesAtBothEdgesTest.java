package org.orchestration.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.app.LaunchOptions;
import org.orchestration.core.errors.ValidationException;
import org.orchestration.core.json.Json;
import org.orchestration.core.model.Bounds;
import org.orchestration.core.projects.ProjectDetail;
import org.orchestration.core.projects.ProjectService;
import org.orchestration.ui.common.ErrorFunnel;
import org.orchestration.ui.common.Session;
import org.orchestration.ui.common.UiExecutor;
import org.orchestration.ui.common.UiTasks;
import org.orchestration.ui.dashboard.DashboardViewModel;

/**
 * The rules that once drifted apart between the window and the API, checked on one real engine
 * through both edges: the dashboard's view model on the services the app wires and the loopback
 * API (a real HTTP client). A project gets the default project budget whichever edge creates it, and both
 * refuse a name one character over the limit with the same field and message.
 */
class ProjectRulesAtBothEdgesTest {

    @TempDir
    Path tmp;
    private RealEngine engine;
    private String baseUrl;
    private String apiKey;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws IOException {
        LaunchOptions defaults = LaunchOptions.headless(tmp.resolve("no-config.json"), tmp.resolve("data"));
        engine = RealEngine.start(new LaunchOptions(defaults.configFile(), defaults.dataDir(), true, true, Optional.of(freePort()),
                false, defaults.env(), defaults.clock(), false));
        baseUrl = engine.apiBaseUrl();
        apiKey = engine.services().apiKeys().create(engine.owner(), "edges").plaintext();
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    /** Creates a project as the dashboard's New project command does, on the services the app hands the window. */
    private ProjectDetail createdFromTheWindow(String name) {
        Session session = new Session();
        session.signIn(engine.owner());
        DashboardViewModel dashboard = new DashboardViewModel(engine.services().projects(), session,
                new UiTasks(UiExecutor.direct(), new ErrorFunnel()));
        List<String> opened = new ArrayList<>();
        dashboard.setOnOpen(opened::add);
        dashboard.create(name);
        assertThat(dashboard.getActionError()).isEmpty();
        assertThat(opened).hasSize(1);
        return engine.services().projects().detail(engine.owner(), opened.get(0));
    }

    @Test
    void aProjectGetsTheDefaultProjectBudgetFromTheWindowAndFromTheApiAlike() throws Exception {
        engine.services().settings().put(ProjectService.DEFAULT_BUDGET_KEY, 3_000_000L);

        ProjectDetail fromWindow = createdFromTheWindow("From the window");
        HttpResponse<String> fromApi = post("/api/projects", "{\"name\":\"From the API\"}");

        assertThat(fromApi.statusCode()).isEqualTo(201);
        assertThat(fromWindow.budgetMicros()).isEqualTo(3_000_000L);
        assertThat(Json.mapper().readTree(fromApi.body()).path("budget_limit_micros").asLong()).isEqualTo(3_000_000L);
    }

    @Test
    void bothEdgesTakeANameAtTheLimitAndRefuseOneCharacterMoreWithTheSameFieldAndMessage() throws Exception {
        String atLimit = "n".repeat(Bounds.PROJECT_NAME_MAX);
        String over = atLimit + "n";

        assertThat(DashboardViewModel.validateName(atLimit)).isEmpty();
        assertThat(createdFromTheWindow(atLimit).name()).isEqualTo(atLimit);
        assertThat(post("/api/projects", "{\"name\":\"" + atLimit + "\"}").statusCode()).isEqualTo(201);

        ValidationException window = catchThrowableOfType(ValidationException.class,
                () -> engine.services().projects().create(engine.owner(), over, "")); // the call the dashboard makes
        HttpResponse<String> api = post("/api/projects", "{\"name\":\"" + over + "\"}");
        JsonNode body = Json.mapper().readTree(api.body());

        assertThat(window).isNotNull();
        assertThat(api.statusCode()).isEqualTo(400);
        assertThat(window.field()).contains("name");
        assertThat(body.path("detail").asText()).isEqualTo(window.getMessage());
        assertThat(DashboardViewModel.validateName(over)).isEqualTo(window.getMessage());
        assertThat(engine.services().projects().list(engine.owner())).hasSize(2);
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return free.getLocalPort();
        }
    }
}
