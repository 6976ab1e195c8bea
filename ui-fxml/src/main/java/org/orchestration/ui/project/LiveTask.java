package org.orchestration.ui.project;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.orchestration.ui.port.TaskRow;

/**
 * One row of the run view whose value changes in place: a live update touches only the cells
 * bound to this row, not the whole list (a list change makes the table rebuild every row).
 */
public final class LiveTask {

    private final String id;
    private final ReadOnlyObjectWrapper<TaskRow> row;

    LiveTask(TaskRow row) {
        this.id = row.id();
        this.row = new ReadOnlyObjectWrapper<>(row);
    }

    public String id() {
        return id;
    }

    public ReadOnlyObjectProperty<TaskRow> rowProperty() {
        return row.getReadOnlyProperty();
    }

    public TaskRow getRow() {
        return row.get();
    }

    void set(TaskRow value) {
        row.set(value);
    }
}
