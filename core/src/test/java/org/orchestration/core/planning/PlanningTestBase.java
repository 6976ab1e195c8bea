package org.orchestration.core.planning;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A fresh {@link PlanningHarness} over a new SQLite file for each test. */
abstract class PlanningTestBase {

    @TempDir
    Path dir;
    PlanningHarness h;

    @BeforeEach
    void openHarness() {
        h = new PlanningHarness(dir);
    }

    @AfterEach
    void closeHarness() {
        h.close();
    }
}
