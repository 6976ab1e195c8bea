package org.orchestration.core.rag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.auth.Role;
import org.orchestration.core.auth.User;
import org.orchestration.core.errors.ForbiddenException;
import org.orchestration.core.errors.NotFoundException;
import org.orchestration.core.llm.CancellationToken;
import org.orchestration.core.testing.TestEngine;

/** Knowledge bases with their document and chunk counts, on the real engine. */
class KnowledgeBaseSummaryTest {

    @TempDir
    static Path dir;
    static TestEngine engine;
    static KnowledgeBaseService bases;

    @BeforeAll
    static void start() {
        engine = TestEngine.start(dir);
        bases = engine.services().knowledgeBases();
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private static KnowledgeBase baseWithTwoDocuments(User user, String name) throws IOException {
        Path folder = Files.createDirectories(bases.ownFolder(user).resolve(name));
        Files.writeString(folder.resolve("guide.md"), "# Guide\n\nCache entries expire after ten minutes.\n");
        Files.writeString(folder.resolve("notes.txt"), "Deploy on Fridays only with a rollback plan.\n");
        return bases.create(user, name, folder.toString());
    }

    @Test
    void anIndexedBaseCountsItsDocumentsAndChunksAndIsReady() throws IOException {
        User alice = engine.user(Role.USER);
        KnowledgeBase kb = baseWithTwoDocuments(alice, "docs");
        assertThat(bases.summary(alice, kb.id())).satisfies(s -> {
            assertThat(s.state()).isEqualTo("empty");
            assertThat(s.documents()).isZero();
        });

        bases.reindexAndWait(alice, kb.id(), IndexProgressListener.NONE, new CancellationToken());

        KnowledgeBaseSummary s = bases.summary(alice, kb.id());
        assertThat(s.state()).isEqualTo("ready");
        assertThat(s.documents()).isEqualTo(2);
        assertThat(s.chunks()).isGreaterThanOrEqualTo(2);
        assertThat(s.folder()).isEqualTo(Path.of(kb.rootPath()));
        assertThat(bases.summaries(alice)).containsExactly(s);
    }

    @Test
    void anotherUsersBaseIsRefusedAndAnAdminSeesEveryBase() throws IOException {
        User alice = engine.user(Role.USER);
        User bob = engine.user(Role.USER);
        KnowledgeBase kb = baseWithTwoDocuments(alice, "private");

        assertThatThrownBy(() -> bases.summary(bob, kb.id())).isInstanceOf(ForbiddenException.class);
        assertThat(bases.summaries(bob)).isEmpty();
        assertThat(bases.summaries(engine.owner())).extracting(KnowledgeBaseSummary::id).contains(kb.id());
        assertThatThrownBy(() -> bases.summary(alice, "no-such-base")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aCancelledIndexIsEmptyWithoutDocuments() throws IOException {
        User alice = engine.user(Role.USER);
        KnowledgeBase kb = baseWithTwoDocuments(alice, "cancelled");
        CancellationToken cancel = new CancellationToken();
        cancel.cancel();

        bases.reindexAndWait(alice, kb.id(), IndexProgressListener.NONE, cancel);

        KnowledgeBaseSummary s = bases.summary(alice, kb.id());
        assertThat(s.documents()).isZero();
        assertThat(s.state()).isIn("empty", "ready");
        assertThat(s.state()).isEqualTo(s.documents() > 0 ? "ready" : "empty");
    }
}
