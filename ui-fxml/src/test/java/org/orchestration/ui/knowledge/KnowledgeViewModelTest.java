package org.orchestration.ui.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.ui.common.ErrorFunnel;
import org.orchestration.ui.common.LoadState;
import org.orchestration.ui.demo.DemoBackend;
import org.orchestration.ui.testing.Stubs;

class KnowledgeViewModelTest {

    private final DemoBackend backend = Stubs.backend();
    private final KnowledgeViewModel vm = new KnowledgeViewModel(backend, Stubs.signedIn(backend),
            Stubs.directTasks(new ErrorFunnel()), folder -> { });

    @AfterEach
    void close() {
        backend.close();
    }

    @Test
    void noKnowledgeBasesIsTheEmptyState() {
        vm.load();
        assertThat(vm.bases().getState()).isEqualTo(LoadState.EMPTY);
    }

    @Test
    void addingAFolderIndexesItWithProgressAndThenSearchFindsText(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("guide.md"), "The cache keeps answers for ten minutes.\nOther line.");
        vm.addFolder("Docs", dir);
        assertThat(vm.getMessage()).isEqualTo("Indexing finished.");
        assertThat(vm.progressProperty().get()).isEqualTo(1.0);
        assertThat(vm.bases().getData()).singleElement().satisfies(kb -> assertThat(kb.state()).isEqualTo("ready"));
        vm.selectedProperty().set(vm.bases().getData().get(0));
        vm.queryProperty().set("cache minutes");
        vm.search();
        assertThat(vm.results().getData()).singleElement().satisfies(h -> assertThat(h.path()).isEqualTo("guide.md"));
    }

    @Test
    void aFolderNeedsANameAndSearchNeedsASelection() {
        vm.addFolder(" ", Path.of("."));
        assertThat(vm.getMessage()).isEqualTo("Give the knowledge base a name.");
        vm.queryProperty().set("x");
        vm.search();
        assertThat(vm.getMessage()).isEqualTo("Choose a knowledge base to search.");
    }

    @Test
    void aMissingFolderIsRejectedWithTheCoresSentence(@TempDir Path dir) {
        vm.addFolder("Docs", dir.resolve("missing"));
        assertThat(vm.getMessage()).isEqualTo("Choose an existing folder.");
    }

    @Test
    void matchesAreHighlightedCaseInsensitively() {
        assertThat(KnowledgeViewModel.highlight("The Cache is warm", "cache"))
                .containsExactly(new KnowledgeViewModel.Highlight("The ", false),
                        new KnowledgeViewModel.Highlight("Cache", true),
                        new KnowledgeViewModel.Highlight(" is warm", false));
    }
}
