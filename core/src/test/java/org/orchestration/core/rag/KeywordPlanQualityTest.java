package org.orchestration.core.rag;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.auth.Role;
import org.orchestration.core.auth.User;
import org.orchestration.core.db.Database;
import org.orchestration.core.testing.FakeEmbedder;
import org.orchestration.core.testing.KnowledgeFixture;
import org.orchestration.core.testing.TestDb;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link KeywordPlan} only changes anything once common words occur in thousands of chunks. Here
 * the labelled corpus is padded with 8,000 chunks of everyday prose so that words such as "the",
 * "how" or "time" are common, and the planned keyword search must find the labelled chunks in its
 * top 5 at least as often as the plain plan (every word ORed, bm25 over all matches).
 */
class KeywordPlanQualityTest {

    private static final Logger log = LoggerFactory.getLogger(KeywordPlanQualityTest.class);
    private static final String[] EVERYDAY = ("the of and to a in is that for it with as on be by this are from or an how do i "
            + "what when can my we after during long get time new one all about team work people day week year make "
            + "number part first last good great small large place case point group problem fact hand system program "
            + "question government company world life child").split(" ");

    @TempDir
    Path dir;

    @Test
    void plannedKeywordSearchKeepsTheRecallOfThePlainOrRankingOnALargeIndex() throws Exception {
        try (Database db = TestDb.open(dir)) {
            User user = TestDb.insertUser(db, Role.USER);
            KnowledgeFixture fixture = new KnowledgeFixture(db, new FakeEmbedder());
            String kbId = fixture.index(user, "quality", Path.of(getClass().getResource("/rag-quality").toURI()));
            pad(db, kbId, 8_000);
            KnowledgeSearch search = new KnowledgeSearch(db, fixture.cache(), new FakeEmbedder());
            KnowledgeStore store = new KnowledgeStore(db);

            int planned = 0;
            int plain = 0;
            int common = 0;
            List<LabelledSearchQualityTest.Label> labels = LabelledSearchQualityTest.readLabels();
            for (LabelledSearchQualityTest.Label label : labels) {
                String query = label.query();
                List<String> words = FtsQuery.words(query);
                if (KeywordPlan.of(words, w -> store.countMatches(FtsQuery.quote(w), KeywordPlan.BUDGET + 1)).conjunction().isPresent()) {
                    common++;
                }
                if (search.search(user, kbId, query, 5, KnowledgeSearch.Mode.KEYWORD).hits().stream()
                        .anyMatch(h -> LabelledSearchQualityTest.relevant(label, h.path(), h.text()))) {
                    planned++;
                }
                List<Long> top = store.keyword(List.of(kbId), FtsQuery.build(query).orElseThrow(), 40);
                Map<Long, KnowledgeStore.ChunkRow> rows = store.chunks(top.subList(0, Math.min(5, top.size())));
                if (rows.values().stream().anyMatch(r -> LabelledSearchQualityTest.relevant(label, r.path(), r.text()))) {
                    plain++;
                }
            }
            log.info("keyword recall@5 on the padded index: planned {}/{}, plain OR {}/{}; {} queries used the AND-first plan",
                    planned, labels.size(), plain, labels.size(), common);
            assertThat(common).as("the padding makes the plan matter").isGreaterThan(labels.size() / 2);
            assertThat(planned).isGreaterThanOrEqualTo(plain);
        }
    }

    /** {@code n} chunks of seeded everyday prose (Zipf-like: the first words are the most common). */
    private static void pad(Database db, String kbId, int n) {
        Random random = new Random(7);
        db.inTransaction(() -> {
            long doc = db.insertReturningId("INSERT INTO documents (kb_id, path, content_hash, size_bytes, indexed_at) "
                    + "VALUES (?, 'padding.md', 'h', 1, 0)", kbId);
            List<Object[]> rows = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                StringBuilder text = new StringBuilder();
                for (int w = 0; w < 60; w++) {
                    int rank = (int) Math.floor(Math.pow(EVERYDAY.length + 1, random.nextDouble())) - 1;
                    text.append(EVERYDAY[Math.min(EVERYDAY.length - 1, rank)]).append(' ');
                }
                rows.add(new Object[] {doc, kbId, i, text.toString().strip(), i + 1, i + 1, new byte[4]});
            }
            db.batch("INSERT INTO chunks (document_id, kb_id, ordinal, text, start_line, end_line, embedding) VALUES (?, ?, ?, ?, ?, ?, ?)", rows);
        });
    }
}
