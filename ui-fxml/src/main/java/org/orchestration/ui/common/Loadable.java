package org.orchestration.ui.common;

import java.util.Collection;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.orchestration.core.errors.NotFoundException;

/**
 * Load-show-busy-show-error-show-data for one value, on top of {@link UiTasks}. A newer load
 * supersedes an older one (its late result is dropped). Used by every view model.
 */
public final class Loadable<T> {

    private final UiTasks tasks;
    private final Predicate<T> isEmpty;
    private final ReadOnlyObjectWrapper<LoadState> state = new ReadOnlyObjectWrapper<>(LoadState.IDLE);
    private final ReadOnlyObjectWrapper<T> data = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final javafx.beans.property.ReadOnlyBooleanWrapper notFound = new javafx.beans.property.ReadOnlyBooleanWrapper();
    private UiTasks.Handle inFlight;
    private Callable<T> lastWork;

    public Loadable(UiTasks tasks, Predicate<T> isEmpty) {
        this.tasks = tasks;
        this.isEmpty = isEmpty;
    }

    /** Empty when the value is null or an empty collection. */
    public static <T> Loadable<T> of(UiTasks tasks) {
        return new Loadable<>(tasks, v -> v == null || (v instanceof Collection<?> c && c.isEmpty()));
    }

    // Properties

    public ReadOnlyObjectProperty<LoadState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public LoadState getState() {
        return state.get();
    }

    public ReadOnlyObjectProperty<T> dataProperty() {
        return data.getReadOnlyProperty();
    }

    public T getData() {
        return data.get();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public String getError() {
        return error.get();
    }

    /** True when the last load failed because the thing does not exist (deep link to a missing item). */
    public javafx.beans.property.ReadOnlyBooleanProperty notFoundProperty() {
        return notFound.getReadOnlyProperty();
    }

    public boolean isNotFound() {
        return notFound.get();
    }

    // Commands

    public void load(Callable<T> work) {
        if (inFlight != null) {
            inFlight.cancel();
        }
        lastWork = work;
        state.set(LoadState.LOADING);
        error.set("");
        notFound.set(false);
        inFlight = tasks.create(work)
                .onSuccess(this::set)
                .onFailure(f -> {
                    error.set(f.message());
                    notFound.set(f.cause() instanceof NotFoundException);
                    state.set(LoadState.ERROR);
                })
                .start();
    }

    /** Runs the last load again (the "Try again" button). */
    public void reload() {
        if (lastWork != null) {
            load(lastWork);
        }
    }

    /** Replaces the value directly (e.g. after an edit returned the new one). Call on the UI thread. */
    public void set(T value) {
        data.set(value);
        state.set(isEmpty.test(value) ? LoadState.EMPTY : LoadState.DATA);
    }
}
