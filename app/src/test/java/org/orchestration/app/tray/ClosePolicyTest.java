package org.orchestration.app.tray;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClosePolicyTest {

    @Test
    void withoutATrayIconClosingQuits() {
        assertThat(ClosePolicy.hideToTray(false, Optional.of(true), true, 3)).isFalse();
    }

    @Test
    void theConfiguredDefaultKeepsTheEngineInTheTray() {
        assertThat(ClosePolicy.hideToTray(true, Optional.empty(), true, 0)).isTrue();
    }

    @Test
    void withTheDefaultOffTheEngineStillStaysWhileTasksRun() {
        assertThat(ClosePolicy.hideToTray(true, Optional.empty(), false, 2)).isTrue();
        assertThat(ClosePolicy.hideToTray(true, Optional.empty(), false, 0)).isFalse();
    }

    @Test
    void thePersonsChoiceWins() {
        assertThat(ClosePolicy.hideToTray(true, Optional.of(false), true, 5)).isFalse();
        assertThat(ClosePolicy.hideToTray(true, Optional.of(true), false, 0)).isTrue();
    }
}
