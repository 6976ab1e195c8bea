package org.orchestration.ui.knowledge;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.orchestration.core.llm.CancellationToken;
import org.orchestration.ui.common.Loadable;
import org.orchestration.ui.common.Session;
import org.orchestration.ui.common.UiTasks;
import org.orchestration.core.rag.KnowledgeBaseService;
import org.orchestration.core.rag.KnowledgeBaseSummary;
import org.orchestration.core.rag.KnowledgeSearch;
import org.orchestration.core.rag.SearchHit;

/** Knowledge bases: add a folder, index with progress and cancel, try a search. */
public final class KnowledgeViewModel {

    private final KnowledgeBaseService knowledge;
    private final KnowledgeSearch search;
    private final Session session;
    private final UiTasks tasks;
    private final Loadable<List<KnowledgeBaseSummary>> bases;
    private final Loadable<List<SearchHit>> results;
    private final ObjectProperty<KnowledgeBaseSummary> selected = new SimpleObjectProperty<>();
    private final StringProperty query = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper indexing = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Path> ownFolder = new ReadOnlyObjectWrapper<>();
    private final Consumer<Path> fileOpener;
    private CancellationToken indexToken;

    /** @param fileOpener opens a folder with the desktop ("Open" on the user's own knowledge folder) */
    public KnowledgeViewModel(KnowledgeBaseService knowledge, KnowledgeSearch search, Session session, UiTasks tasks,
                              Consumer<Path> fileOpener) {
        this.knowledge = knowledge;
        this.search = search;
        this.fileOpener = fileOpener;
        this.session = session;
        this.tasks = tasks;
        this.bases = Loadable.of(tasks);
        this.results = Loadable.of(tasks);
    }

    public Loadable<List<KnowledgeBaseSummary>> bases() { return bases; }
    public Loadable<List<SearchHit>> results() { return results; }
    public ObjectProperty<KnowledgeBaseSummary> selectedProperty() { return selected; }
    public StringProperty queryProperty() { return query; }
    public ReadOnlyBooleanProperty indexingProperty() { return indexing.getReadOnlyProperty(); }
    public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }
    public ReadOnlyStringProperty progressTextProperty() { return progressText.getReadOnlyProperty(); }
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    public String getMessage() { return message.get(); }
    /** The user's own knowledge folder (null until loaded). */
    public ReadOnlyObjectProperty<Path> ownFolderProperty() { return ownFolder.getReadOnlyProperty(); }
    public Path getOwnFolder() { return ownFolder.get(); }

    public void load() {
        bases.load(() -> knowledge.summaries(session.user()));
        tasks.create(() -> knowledge.ownFolder(session.user())).onSuccess(ownFolder::set).onError(message::set).start();
    }

    /** Opens the user's own knowledge folder with the desktop. */
    public void openOwnFolder() {
        Path folder = ownFolder.get();
        if (folder != null) {
            fileOpener.accept(folder);
        }
    }

    public void addFolder(String name, Path folder) {
        if (name == null || name.isBlank()) {
            message.set("Give the knowledge base a name.");
            return;
        }
        if (folder == null) {
            message.set("Choose a folder.");
            return;
        }
        tasks.create(() -> knowledge.create(session.user(), name.strip(), folder.toString()))
                .onSuccess(kb -> {
                    message.set("Added “" + kb.name() + "”. Indexing…");
                    load();
                    index(kb.id());
                })
                .onError(message::set)
                .start();
    }

    public void index(String kbId) {
        if (indexing.get()) {
            return;
        }
        CancellationToken token = new CancellationToken();
        indexToken = token;
        indexing.set(true);
        progress.set(-1);
        progressText.set("Starting…");
        tasks.run(() -> knowledge.reindexAndWait(session.user(), kbId, p -> tasks.executor().ui().execute(() -> {
                    progress.set(p.filesTotal() == 0 ? 1 : (double) p.filesDone() / p.filesTotal());
                    progressText.set(p.filesDone() + " of " + p.filesTotal() + " documents");
                }), token))
                .onSuccess(v -> message.set("Indexing finished."))
                .onError(m -> message.set(token.isCancelled() ? "Indexing cancelled." : m))
                .onFinally(() -> {
                    indexing.set(false);
                    load();
                })
                .start();
    }

    public void cancelIndexing() {
        if (indexToken != null) {
            indexToken.cancel();
        }
    }

    public void search() {
        KnowledgeBaseSummary kb = selected.get();
        String q = query.get().strip();
        if (kb == null) {
            message.set("Choose a knowledge base to search.");
            return;
        }
        if (q.isEmpty()) {
            message.set("Type something to search for.");
            return;
        }
        results.load(() -> search.search(session.user(), kb.id(), q, 20).hits());
    }

    public void delete(String kbId) {
        tasks.run(() -> knowledge.delete(session.user(), kbId)).onSuccess(v -> load()).onError(message::set).start();
    }

    /** Splits {@code text} into (plain, highlighted) runs for the words of {@code query}, case-insensitively. */
    public static List<Highlight> highlight(String text, String query) {
        List<Highlight> out = new ArrayList<>();
        String lower = text.toLowerCase(Locale.ROOT);
        List<String> words = Arrays.stream(query.toLowerCase(Locale.ROOT).split("\\s+"))
                .filter(w -> !w.isBlank()).toList();
        int i = 0;
        int plainStart = 0;
        while (i < text.length()) {
            String hit = null;
            for (String w : words) {
                if (lower.startsWith(w, i) && (hit == null || w.length() > hit.length())) {
                    hit = w;
                }
            }
            if (hit == null) {
                i++;
                continue;
            }
            if (i > plainStart) {
                out.add(new Highlight(text.substring(plainStart, i), false));
            }
            out.add(new Highlight(text.substring(i, i + hit.length()), true));
            i += hit.length();
            plainStart = i;
        }
        if (plainStart < text.length()) {
            out.add(new Highlight(text.substring(plainStart), false));
        }
        return out;
    }

    public record Highlight(String text, boolean match) {
    }

    /** Where a hit is: "docs/guide.md:12-30". */
    public static String location(SearchHit hit) {
        return hit.path() + ":" + hit.startLine() + "-" + hit.endLine();
    }
}
