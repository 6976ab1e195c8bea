package org.orchestration.core.rag;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.auth.Role;
import org.orchestration.core.auth.User;
import org.orchestration.core.db.Database;
import org.orchestration.core.testing.TestDb;

/** The fast keyword path (FTS5's own top-N, then the base filter) gives the exact answer. */
class KeywordWindowTest {

    @TempDir
    Path dir;

    private static void kb(Database db, User owner, String id) {
        db.update("INSERT INTO knowledge_bases (id, owner_id, name, root_path, embedding_model, embedding_dims, created_at) "
                + "VALUES (?, ?, ?, '/tmp', 'm', 1, 0)", id, owner.id(), id);
    }

    private static List<Long> chunks(Database db, String kbId, int n, String text) {
        long doc = db.insertReturningId("INSERT INTO documents (kb_id, path, content_hash, size_bytes, indexed_at) VALUES (?, ?, 'h', 1, 0)",
                kbId, kbId + "-" + text.hashCode() + ".md");
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(db.insertReturningId("INSERT INTO chunks (document_id, kb_id, ordinal, text, start_line, end_line, embedding) "
                    + "VALUES (?, ?, ?, ?, 1, 1, x'00000000')", doc, kbId, i, text));
        }
        return ids;
    }

    @Test
    void anotherBaseCrowdingTheWindowFallsBackToTheExactRanking() {
        try (Database db = TestDb.open(dir)) {
            User owner = TestDb.insertUser(db, Role.USER);
            kb(db, owner, "crowded");
            kb(db, owner, "mine");
            chunks(db, "crowded", 30, "orchestration orchestration orchestration engine");
            List<Long> mine = chunks(db, "mine", 3, "a long text that mentions orchestration only once among many other words");
            KnowledgeStore store = new KnowledgeStore(db);

            assertThat(store.keyword(List.of("mine"), "\"orchestration\"", 2)).hasSize(2).isSubsetOf(mine);
            assertThat(store.keyword(List.of("mine"), "\"orchestration\"", 10)).containsExactlyInAnyOrderElementsOf(mine);
            assertThat(store.keyword(List.of("crowded", "mine"), "\"orchestration\"", 5))
                    .as("the best-ranked chunks come first").doesNotContainAnyElementsOf(mine).hasSize(5);
            assertThat(store.keyword(List.of("mine"), "\"absent\"", 5)).isEmpty();
        }
    }
}
