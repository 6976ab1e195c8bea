package org.orchestration.ui.dashboard;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.orchestration.core.errors.ValidationException;
import org.orchestration.core.model.Bounds;
import org.orchestration.core.projects.ProjectPatch;
import org.orchestration.core.projects.ProjectService;
import org.orchestration.core.projects.ProjectSummary;
import org.orchestration.ui.common.Loadable;
import org.orchestration.ui.common.Session;
import org.orchestration.ui.common.UiTasks;

/** Projects list with search, a tag filter, create, rename, delete. */
public final class DashboardViewModel {

    private final ProjectService projects;
    private final Session session;
    private final UiTasks tasks;
    private final Loadable<List<ProjectSummary>> all;
    private final ObservableList<ProjectSummary> visible = FXCollections.observableArrayList();
    private final ObservableList<ProjectSummary> visibleView = FXCollections.unmodifiableObservableList(visible);
    private final StringProperty filter = new SimpleStringProperty("");
    /** The tag the list is filtered by (the engine filters, ignoring case); "" shows every project. */
    private final StringProperty tagFilter = new SimpleStringProperty("");
    /** Every tag of the caller's projects, for the tag filter (from the last unfiltered load). */
    private final ObservableList<String> tags = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper actionError = new ReadOnlyStringWrapper("");
    private Consumer<String> onOpen = id -> { };

    public DashboardViewModel(ProjectService projects, Session session, UiTasks tasks) {
        this.projects = projects;
        this.session = session;
        this.tasks = tasks;
        this.all = Loadable.of(tasks);
        all.dataProperty().addListener((o, a, b) -> {
            if (b != null && tagFilter.get().isBlank()) {
                // one choice per tag, as the engine matches them: ignoring case
                Map<String, String> byKey = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                b.forEach(p -> p.tags().forEach(t -> byKey.putIfAbsent(t, t)));
                tags.setAll(byKey.values());
            }
            refilter();
        });
        filter.addListener((o, a, b) -> refilter());
        tagFilter.addListener((o, a, b) -> load());
    }

    public void setOnOpen(Consumer<String> onOpen) {
        this.onOpen = onOpen;
    }

    // Properties

    public Loadable<List<ProjectSummary>> projects() { return all; }
    public ObservableList<ProjectSummary> visibleProjects() { return visibleView; }
    public StringProperty filterProperty() { return filter; }
    public StringProperty tagFilterProperty() { return tagFilter; }
    public ObservableList<String> tags() { return tags; }
    public ReadOnlyStringProperty actionErrorProperty() { return actionError.getReadOnlyProperty(); }
    public String getActionError() { return actionError.get(); }

    private void refilter() {
        List<ProjectSummary> data = all.getData() == null ? List.of() : all.getData();
        String f = filter.get().strip().toLowerCase(Locale.ROOT);
        visible.setAll(f.isEmpty() ? data : data.stream().filter(p -> p.name().toLowerCase(Locale.ROOT).contains(f)
                || p.status().name().toLowerCase(Locale.ROOT).contains(f)
                || p.tags().stream().anyMatch(t -> t.toLowerCase(Locale.ROOT).contains(f))).toList());
    }

    // Commands

    public void load() {
        String tag = tagFilter.get();
        all.load(() -> projects.list(session.user(), tag));
    }

    /**
     * Validates the name here first, so the dialog can say what is wrong without a round trip,
     * by the engine's own rule ({@link Bounds#name}), so the window and the API refuse alike.
     */
    public static String validateName(String name) {
        if (name == null || name.isBlank()) {
            return "Give the project a name.";
        }
        try {
            Bounds.name("name", name, Bounds.PROJECT_NAME_MAX);
            return "";
        } catch (ValidationException e) {
            return e.getMessage();
        }
    }

    public void create(String name) {
        String problem = validateName(name);
        if (!problem.isEmpty()) {
            actionError.set(problem);
            return;
        }
        actionError.set("");
        // empty requirements; the service applies the default project budget
        tasks.create(() -> projects.create(session.user(), name.strip(), ""))
                .onSuccess(p -> onOpen.accept(p.id()))
                .onError(actionError::set)
                .start();
    }

    public void rename(String projectId, String name) {
        String problem = validateName(name);
        if (!problem.isEmpty()) {
            actionError.set(problem);
            return;
        }
        actionError.set("");
        tasks.run(() -> projects.update(session.user(), projectId, ProjectPatch.name(name.strip())))
                .onSuccess(v -> load()).onError(actionError::set).start();
    }

    public void delete(String projectId) {
        actionError.set("");
        tasks.run(() -> projects.delete(session.user(), projectId))
                .onSuccess(v -> load()).onError(actionError::set).start();
    }

    public void open(String projectId) {
        onOpen.accept(projectId);
    }
}
