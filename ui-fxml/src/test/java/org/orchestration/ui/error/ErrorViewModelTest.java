package org.orchestration.ui.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorViewModelTest {

    @Test
    void detailsCarryTheStackTraceAndCanBeCopied() {
        List<String> clipboard = new ArrayList<>();
        ErrorViewModel vm = new ErrorViewModel(clipboard::add, () -> { });
        vm.show(new IllegalStateException("boom"));
        assertThat(vm.getSummary()).contains("IllegalStateException").contains("reload");
        vm.copyDetails();
        assertThat(clipboard).singleElement().asString().contains("boom").contains("ErrorViewModelTest");
    }

    @Test
    void reloadRunsTheShellsReload() {
        int[] reloads = {0};
        new ErrorViewModel(s -> { }, () -> reloads[0]++).reload();
        assertThat(reloads[0]).isEqualTo(1);
    }
}
