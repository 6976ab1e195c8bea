package org.orchestration.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import org.junit.jupiter.api.Test;
import org.orchestration.core.errors.NotFoundException;
import org.orchestration.core.errors.StorageException;

class LoadableTest {

    private final List<Throwable> unexpected = new ArrayList<>();
    private final ErrorFunnel errors = new ErrorFunnel();

    {
        errors.setUnexpectedSink(unexpected::add);
    }

    @Test
    void aValueLandsAsData() {
        Loadable<List<String>> l = Loadable.of(new UiTasks(UiExecutor.direct(), errors));
        l.load(() -> List.of("a"));
        assertThat(l.getState()).isEqualTo(LoadState.DATA);
        assertThat(l.getData()).containsExactly("a");
    }

    @Test
    void anEmptyListIsTheEmptyState() {
        Loadable<List<String>> l = Loadable.of(new UiTasks(UiExecutor.direct(), errors));
        l.load(List::of);
        assertThat(l.getState()).isEqualTo(LoadState.EMPTY);
    }

    @Test
    void aServiceErrorBecomesItsSentence() {
        Loadable<String> l = Loadable.of(new UiTasks(UiExecutor.direct(), errors));
        l.load(() -> {
            throw new StorageException("The disk is full.");
        });
        assertThat(l.getState()).isEqualTo(LoadState.ERROR);
        assertThat(l.getError()).isEqualTo("The disk is full.");
        assertThat(unexpected).isEmpty();
    }

    @Test
    void anUnexpectedErrorIsReportedToTheGlobalErrorViewAndShownGenerically() {
        Loadable<String> l = Loadable.of(new UiTasks(UiExecutor.direct(), errors));
        l.load(() -> {
            throw new IllegalStateException("bug");
        });
        assertThat(l.getError()).isEqualTo(ErrorFunnel.UNEXPECTED);
        assertThat(unexpected).singleElement().isInstanceOf(IllegalStateException.class);
    }

    @Test
    void notFoundIsFlaggedForTheNotFoundView() {
        Loadable<String> l = Loadable.of(new UiTasks(UiExecutor.direct(), errors));
        l.load(() -> {
            throw new NotFoundException("No such project.");
        });
        assertThat(l.isNotFound()).isTrue();
    }

    @Test
    void aNewerLoadWinsOverALateOlderOne() {
        Queue<Runnable> background = new ArrayDeque<>();
        UiTasks tasks = new UiTasks(UiExecutor.of(background::add, Runnable::run), errors);
        Loadable<String> l = Loadable.of(tasks);
        l.load(() -> "old");
        l.load(() -> "new");
        Runnable old = background.poll();
        Runnable newer = background.poll();
        newer.run();
        old.run();
        assertThat(l.getData()).isEqualTo("new");
    }

    @Test
    void isLoadingUntilTheWorkFinishes() {
        Queue<Runnable> background = new ArrayDeque<>();
        Loadable<String> l = Loadable.of(new UiTasks(UiExecutor.of(background::add, Runnable::run), errors));
        l.load(() -> "x");
        assertThat(l.getState()).isEqualTo(LoadState.LOADING);
        background.poll().run();
        assertThat(l.getState()).isEqualTo(LoadState.DATA);
    }

    @Test
    void reloadRunsTheLastWorkAgain() {
        int[] calls = {0};
        Loadable<Integer> l = Loadable.of(new UiTasks(UiExecutor.direct(), errors));
        l.load(() -> ++calls[0]);
        l.reload();
        assertThat(l.getData()).isEqualTo(2);
    }
}
