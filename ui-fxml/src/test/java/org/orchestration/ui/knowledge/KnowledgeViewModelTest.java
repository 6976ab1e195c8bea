package org.orchestration.ui.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.auth.Role;
import org.orchestration.ui.common.ErrorFunnel;
import org.orchestration.ui.common.LoadState;
import org.orchestration.ui.common.Session;
import org.orchestration.ui.common.UiExecutor;
import org.orchestration.ui.common.UiTasks;
import org.orchestration.core.rag.KnowledgeBaseService;
import org.orchestration.ui.testing.UiEngine;

class KnowledgeViewModelTest {

    @TempDir
    static Path engineDir;
    static UiEngine engine;

    private KnowledgeViewModel vm;
    private Path ownFolder;

    @BeforeAll
    static void start() {
        engine = UiEngine.start(engineDir);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    /** Each test is a new user of the shared engine, so it sees only its own knowledge bases. */
    @BeforeEach
    void signIn() {
        Session session = new Session();
        session.signIn(engine.engine.user(Role.USER));
        KnowledgeBaseService knowledge = engine.engine.services().knowledgeBases();
        ownFolder = knowledge.ownFolder(session.user()); // where a user may add folders without an administrator
        vm = new KnowledgeViewModel(knowledge, engine.engine.services().knowledgeSearch(), session, new UiTasks(UiExecutor.direct(), new ErrorFunnel()),
                folder -> { });
    }

    @Test
    void noKnowledgeBasesIsTheEmptyState() {
        vm.load();
        assertThat(vm.bases().getState()).isEqualTo(LoadState.EMPTY);
    }

    @Test
    void addingAFolderIndexesItWithProgressAndThenSearchFindsText() throws Exception {
        Path dir = Files.createDirectories(ownFolder.resolve("docs"));
        Files.writeString(dir.resolve("guide.md"), "The cache keeps answers for ten minutes.\nOther line.");
        vm.addFolder("Docs", dir);
        assertThat(vm.getMessage()).isEqualTo("Indexing finished.");
        assertThat(vm.progressProperty().get()).isEqualTo(1.0);
        assertThat(vm.bases().getData()).singleElement().satisfies(kb -> assertThat(kb.state()).isEqualTo("ready"));
        vm.selectedProperty().set(vm.bases().getData().get(0));
        vm.queryProperty().set("cache minutes");
        vm.search();
        assertThat(vm.results().getData()).singleElement().satisfies(h -> assertThat(h.path() + ":" + h.startLine() + "-" + h.endLine()).isEqualTo("guide.md:1-2"));
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
    void aMissingFolderIsRejectedWithTheCoresSentence() {
        Path missing = ownFolder.resolve("missing");
        vm.addFolder("Docs", missing);
        assertThat(vm.getMessage()).isEqualTo("The folder " + missing + " does not exist.");
    }

    @Test
    void matchesAreHighlightedCaseInsensitively() {
        assertThat(KnowledgeViewModel.highlight("The Cache is warm", "cache"))
                .containsExactly(new KnowledgeViewModel.Highlight("The ", false),
                        new KnowledgeViewModel.Highlight("Cache", true),
                        new KnowledgeViewModel.Highlight(" is warm", false));
    }
}
