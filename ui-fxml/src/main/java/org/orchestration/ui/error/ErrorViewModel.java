package org.orchestration.ui.error;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** The recoverable global error view: what happened, details to copy, and Reload. */
public final class ErrorViewModel {

    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper details = new ReadOnlyStringWrapper("");
    private final Consumer<String> clipboard;
    private final Runnable reload;

    public ErrorViewModel(Consumer<String> clipboard, Runnable reload) {
        this.clipboard = clipboard;
        this.reload = reload;
    }

    public ReadOnlyStringProperty summaryProperty() { return summary.getReadOnlyProperty(); }
    public String getSummary() { return summary.get(); }
    public ReadOnlyStringProperty detailsProperty() { return details.getReadOnlyProperty(); }
    public String getDetails() { return details.get(); }

    public void show(Throwable error) {
        summary.set("The app ran into a problem it did not expect (" + error.getClass().getSimpleName()
                + "). Your data is safe; reload the screen to carry on.");
        StringWriter w = new StringWriter();
        error.printStackTrace(new PrintWriter(w));
        details.set(w.toString());
    }

    public void copyDetails() {
        clipboard.accept(details.get());
    }

    public void reload() {
        reload.run();
    }
}
