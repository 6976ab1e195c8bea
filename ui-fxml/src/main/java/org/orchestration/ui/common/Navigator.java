package org.orchestration.ui.common;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/** The main window's current route with a back stack. UI-free; the main window view renders it. */
public final class Navigator {

    private final ReadOnlyObjectWrapper<Route> current = new ReadOnlyObjectWrapper<>(new Route.Dashboard());
    private final Deque<Route> back = new ArrayDeque<>();
    private Consumer<Route> onChange = r -> { };

    public ReadOnlyObjectProperty<Route> currentProperty() {
        return current.getReadOnlyProperty();
    }

    public Route getCurrent() {
        return current.get();
    }

    /** Called with every new route (the shell remembers it as the last screen). */
    public void setOnChange(Consumer<Route> listener) {
        this.onChange = listener;
    }

    public void go(Route route) {
        Route now = current.get();
        if (now != null && !(now instanceof Route.NotFound)) {
            back.push(now);
        }
        current.set(route);
        onChange.accept(route);
    }

    public boolean canGoBack() {
        return !back.isEmpty();
    }

    public void goBack() {
        if (!back.isEmpty()) {
            Route r = back.pop();
            current.set(r);
            onChange.accept(r);
        }
    }

    /** Redraws the current screen (the "Reload" of the error view). */
    public void reload() {
        Route r = current.get();
        current.set(null);
        current.set(r);
    }
}
