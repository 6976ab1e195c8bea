package org.orchestration.ui.project;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.orchestration.core.execution.RunTask;

/**
 * One row of the run view whose value changes in place: a live update touches only the cells
 * bound to this row, not the whole list (a list change makes the table rebuild every row).
 */
public final class LiveTask {

    private final String id;
    private final ReadOnlyObjectWrapper<RunTask> row;

    LiveTask(RunTask row) {
        this.id = row.id();
        this.row = new ReadOnlyObjectWrapper<>(row);
    }

    public String id() {
        return id;
    }

    public ReadOnlyObjectProperty<RunTask> rowProperty() {
        return row.getReadOnlyProperty();
    }

    public RunTask getRow() {
        return row.get();
    }

    void set(RunTask value) {
        row.set(value);
    }
}
