package org.orchestration.app.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.errors.StartupException;

class InstanceLockTest {

    @TempDir
    Path dataDir;

    @Test
    void aSecondAcquireIsRefusedAsAlreadyRunningAndAsksTheFirstToComeForward() {
        AtomicInteger activations = new AtomicInteger();
        try (InstanceLock first = InstanceLock.acquire(dataDir, activations::incrementAndGet)) {

            assertThatThrownBy(() -> InstanceLock.acquire(dataDir, () -> { }))
                    .isInstanceOf(StartupException.class)
                    .hasMessage("The engine is already running for " + dataDir)
                    .extracting(e -> ((StartupException) e).exitCode()).isEqualTo(StartupException.ALREADY_RUNNING);
            await().atMost(Duration.ofSeconds(5)).untilAtomic(activations, Matchers.equalTo(1));
        }
    }

    @Test
    void afterCloseTheFolderCanBeTakenAgain() {
        InstanceLock first = InstanceLock.acquire(dataDir, () -> { });
        first.close();

        try (InstanceLock second = InstanceLock.acquire(dataDir, () -> { })) {
            assertThat(second.isClosed()).isFalse();
        }
        assertThat(dataDir.resolve(InstanceLock.PORT_FILE)).doesNotExist();
    }

    @Test
    void aRunningInstanceAnswersOnItsLoopbackPort() {
        try (InstanceLock lock = InstanceLock.acquire(dataDir, () -> { })) {
            assertThat(InstanceLock.askRunningInstanceToActivate(dataDir)).isTrue();
            assertThat(lock.port()).isPositive();
        }
    }
}
