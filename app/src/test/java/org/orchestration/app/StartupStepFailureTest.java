package org.orchestration.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.orchestration.app.instance.InstanceLock;
import org.orchestration.app.lifecycle.Lifecycle;
import org.orchestration.app.lifecycle.StartupStep;
import org.orchestration.core.errors.StartupException;
import org.slf4j.LoggerFactory;

/**
 * Seed 2.6: makes each real start-up step fail in turn and proves that everything the earlier
 * steps opened is closed again — the database, the single-instance lock, port and thread, the
 * HTTP client's threads, the log file — and in reverse order.
 */
class StartupStepFailureTest {

    @TempDir
    Path tmp;

    static Stream<Integer> everyStep() {
        int count = new CompositionRoot(LaunchOptions.headless(Path.of("none.json"), Path.of("unused")), () -> { }).steps().size();
        return IntStream.range(0, count).boxed();
    }

    @ParameterizedTest(name = "step {0} fails")
    @MethodSource("everyStep")
    void aFailingStepLeavesNothingOfTheEarlierStepsOpen(int failingIndex) {
        CompositionRoot root = new CompositionRoot(LaunchOptions.headless(tmp.resolve("none.json"), tmp.resolve("data")), () -> { });
        List<String> closed = new ArrayList<>();
        List<StartupStep> steps = new ArrayList<>();
        List<StartupStep> real = root.steps();
        for (int i = 0; i < real.size(); i++) {
            StartupStep step = real.get(i);
            steps.add(i == failingIndex ? failing(step.name()) : recordingClose(step, closed));
        }

        Set<Thread> before = liveNonDaemonThreads();

        assertThatThrownBy(() -> new Lifecycle(steps).start())
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("injected failure");

        List<String> earlier = real.subList(0, failingIndex).stream().map(StartupStep::name).toList();
        assertThat(closed).containsExactlyElementsOf(reversed(earlier));
        ifBuilt(root::database, db -> assertThat(db.isClosed()).as("database closed").isTrue());
        ifBuilt(root::instanceLock, lock -> {
            assertThat(lock.isClosed()).isTrue();
            assertThat(portAcceptsConnections(lock.port())).as("single-instance port still bound").isFalse();
            assertThat(lockFileIsFree(tmp.resolve("data"))).as("lock file released").isTrue();
        });
        ifBuilt(root::httpClient, client -> assertThat(client.dispatcher().executorService().isShutdown()).isTrue());
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.isAlive() && t.getName().equals(InstanceLock.THREAD_NAME));
        assertThat(fileAppenderAttached()).as("log file still open").isFalse();
        // Closing joins the threads it stops, so no waiting here.
        assertThat(liveNonDaemonThreads()).as("threads left by the steps").isSubsetOf(before);
    }

    private static Set<Thread> liveNonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && !t.isDaemon())
                .collect(Collectors.toSet());
    }

    private static StartupStep failing(String name) {
        return StartupStep.of(name, () -> {
            throw new IllegalStateException("injected failure");
        });
    }

    private static StartupStep recordingClose(StartupStep step, List<String> closed) {
        return StartupStep.of(step.name(), () -> {
            AutoCloseable handle = step.start();
            return () -> {
                closed.add(step.name());
                handle.close();
            };
        });
    }

    private static List<String> reversed(List<String> names) {
        List<String> copy = new ArrayList<>(names);
        Collections.reverse(copy);
        return copy;
    }

    private static <T> void ifBuilt(Supplier<T> accessor, Consumer<T> check) {
        T value;
        try {
            value = accessor.get();
        } catch (IllegalStateException notBuilt) {
            return;
        }
        check.accept(value);
    }

    private static boolean portAcceptsConnections(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean lockFileIsFree(Path dataDir) {
        try (FileChannel ch = FileChannel.open(dataDir.resolve("engine.lock"), StandardOpenOption.WRITE);
             FileLock lock = ch.tryLock()) {
            return lock != null;
        } catch (IOException | OverlappingFileLockException e) {
            return false;
        }
    }

    private static boolean fileAppenderAttached() {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger rootLogger = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        return rootLogger.getAppender("FILE") != null;
    }
}
