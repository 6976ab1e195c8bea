package org.orchestration.ui.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.auth.User;
import org.orchestration.core.projects.ProjectService;
import org.orchestration.core.projects.ProjectSummary;
import org.orchestration.ui.testing.UiEngine;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Tags on the real engine: set on the project screen, shown and filtered on the dashboard. */
@ExtendWith(ApplicationExtension.class)
class ProjectTagsFlowTest {

    @TempDir
    static Path dir;
    static UiEngine engine;

    private EngineShell app;
    private Stage stage;

    @BeforeAll
    static void startEngine() {
        engine = EngineShell.singleUser(dir);
        ProjectService projects = engine.engine.services().projects();
        User owner = engine.engine.owner();
        projects.create(owner, "Groceries", "");
        projects.create(owner, "Market research", "");
    }

    @AfterAll
    static void stopEngine() {
        engine.close();
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        app = EngineShell.show(stage, engine);
    }

    @AfterEach
    void tearDown() throws Exception {
        app.close();
    }

    @Test
    void tagsSetOnTheProjectScreenFilterTheDashboard(FxRobot robot) {
        EngineShell.waitUntil(() -> EngineShell.visible(robot, "#table") && table(robot).getItems().size() == 2);
        ProjectSummary research = table(robot).getItems().stream().filter(p -> p.name().equals("Market research")).findFirst().orElseThrow();
        robot.interact(() -> table(robot).getSelectionModel().select(research));
        robot.doubleClickOn(robot.lookup("#table .table-row-cell").nth(table(robot).getItems().indexOf(research)).queryAs(Node.class));

        EngineShell.waitUntil(() -> EngineShell.visible(robot, "#tags"));
        robot.clickOn("#tags").write("Client work, q3 , client WORK");
        robot.clickOn("#saveTags");
        EngineShell.waitUntil(() -> EngineShell.text(robot, "#message").equals("Tags saved."));
        assertThat(robot.lookup("#tags").queryAs(TextField.class).getText()).isEqualTo("Client work, q3");
        assertThat(engine.engine.services().projects().get(engine.engine.owner(), research.id()).tags())
                .containsExactly("Client work", "q3");
        Screenshots.save(stage.getScene(), "40-project-tags");

        robot.clickOn("#navProjects");
        EngineShell.waitUntil(() -> EngineShell.visible(robot, "#tagFilter") && table(robot).getItems().size() == 2);
        ComboBox<String> filter = robot.lookup("#tagFilter").queryComboBox();
        EngineShell.waitUntil(() -> filter.getItems().equals(List.of("All tags", "Client work", "q3")));
        robot.interact(() -> filter.setValue("q3"));
        EngineShell.waitUntil(() -> table(robot).getItems().size() == 1);
        assertThat(table(robot).getItems()).singleElement().satisfies(p -> assertThat(p.name()).isEqualTo("Market research"));
        Screenshots.save(stage.getScene(), "41-dashboard-tag-filter");

        robot.interact(() -> filter.setValue("All tags"));
        EngineShell.waitUntil(() -> table(robot).getItems().size() == 2);
    }

    @SuppressWarnings("unchecked")
    private static TableView<ProjectSummary> table(FxRobot robot) {
        return robot.lookup("#table").queryAs(TableView.class);
    }
}
