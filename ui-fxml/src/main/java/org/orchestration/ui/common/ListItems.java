package org.orchestration.ui.common;

import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** Binds a table's or list's items to a {@link Loadable} list (empty while nothing is loaded). */
public final class ListItems {

    private ListItems() {
    }

    public static <E> ObservableValue<ObservableList<E>> of(Loadable<List<E>> loadable) {
        return Bindings.createObjectBinding(() -> FXCollections.observableArrayList(
                loadable.getData() == null ? List.<E>of() : loadable.getData()), loadable.dataProperty());
    }
}
