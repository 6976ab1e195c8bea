package org.orchestration.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.auth.User;
import org.orchestration.core.llm.CancellationToken;
import org.orchestration.core.model.ProjectStatus;
import org.orchestration.core.planning.Plan;
import org.orchestration.core.projects.Project;
import org.orchestration.core.testing.TestEngine;

/** The shared test engine plans and runs a project end to end in Simulated mode, as the app does. */
class TestEngineTest {

    @TempDir
    static Path dir;
    static TestEngine engine;

    @BeforeAll
    static void start() {
        engine = TestEngine.start(dir);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void plansApprovesAndRunsAProjectToCompletion() {
        EngineServices s = engine.services();
        User owner = engine.owner();
        Project p = s.projects().create(owner, "Smoke", "Write a haiku about SQLite.\nReview it.");
        Plan plan = s.planner().generatePlan(owner, p.id(), CancellationToken.none());
        s.decomposer().approve(owner, plan.id());
        s.executor().start(owner, p.id());
        await().atMost(Duration.ofSeconds(30)).until(() -> s.projects().get(owner, p.id()).status() == ProjectStatus.COMPLETED);
        assertThat(s.projects().list(owner)).extracting(x -> x.id()).contains(p.id());
    }
}
