package org.orchestration.app.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orchestration.core.errors.StartupException;

class LifecycleTest {

    private final List<String> events = new ArrayList<>();

    private StartupStep step(String name) {
        return StartupStep.of(name, () -> {
            events.add("start " + name);
            return () -> events.add("close " + name);
        });
    }

    @Test
    void stepsStartInOrderAndCloseInReverse() {
        Lifecycle lifecycle = new Lifecycle(List.of(step("a"), step("b"), step("c")));

        lifecycle.start();
        lifecycle.close();

        assertThat(events).containsExactly("start a", "start b", "start c", "close c", "close b", "close a");
    }

    @Test
    void aFailingStepClosesTheStartedOnesAndKeepsItsStartupException() {
        StartupException boom = new StartupException(StartupException.DATABASE, "db is broken");
        Lifecycle lifecycle = new Lifecycle(List.of(step("a"), step("b"), StartupStep.of("c", () -> {
            throw boom;
        }), step("d")));

        assertThatThrownBy(lifecycle::start).isSameAs(boom);
        assertThat(events).containsExactly("start a", "start b", "close b", "close a");
    }

    @Test
    void anUnexpectedFailureBecomesAStartupExceptionNamingTheStep() {
        Lifecycle lifecycle = new Lifecycle(List.of(StartupStep.of("monitor", () -> {
            throw new IllegalStateException("no threads left\nsecond line");
        })));

        assertThatThrownBy(lifecycle::start).isInstanceOf(StartupException.class)
                .hasMessage("Start-up failed at step 'monitor': no threads left")
                .extracting(e -> ((StartupException) e).exitCode()).isEqualTo(StartupException.OTHER);
    }

    @Test
    void aFailingCloseDoesNotStopTheOthersFromClosing() {
        Lifecycle lifecycle = new Lifecycle(List.of(step("a"), StartupStep.of("b", () -> () -> {
            throw new IllegalStateException("stuck");
        }), step("c")));
        lifecycle.start();

        lifecycle.close();

        assertThat(events).containsExactly("start a", "start c", "close c", "close a");
    }

    @Test
    void closingTwiceClosesEachStepOnce() {
        Lifecycle lifecycle = new Lifecycle(List.of(step("a")));
        lifecycle.start();

        lifecycle.close();
        lifecycle.close();

        assertThat(events).containsExactly("start a", "close a");
    }

    @Test
    void startedStepNamesFollowStartOrder() {
        Lifecycle lifecycle = new Lifecycle(List.of(step("a"), StartupStep.of("b", () -> null)));

        lifecycle.start();

        assertThat(lifecycle.startedStepNames()).containsExactly("a", "b");
    }
}
