package org.orchestration.core.rag;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.auth.Role;
import org.orchestration.core.auth.User;
import org.orchestration.core.db.Database;
import org.orchestration.core.testing.KnowledgeFixture;
import org.orchestration.core.testing.TestDb;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Search quality on the shipped corpus (src/test/resources/rag-corpus) with the real in-process
 * model, loaded once for the class: hybrid recall@5 must be at least keyword-only and vector-only.
 */
class SearchQualityTest {

    private static final Logger log = LoggerFactory.getLogger(SearchQualityTest.class);

    /** Query -> the file that answers it. Some are lexical (identifiers), some paraphrases. */
    private static final Map<String, String> LABELLED = new LinkedHashMap<>();

    static {
        LABELLED.put("how do I restore the database from a backup", "backup.md");
        LABELLED.put("bcrypt", "auth.md");
        LABELLED.put("when do access tokens expire", "auth.md");
        LABELLED.put("getting money back for a charge", "billing.md");
        LABELLED.put("kubectl rollout", "deploy.md");
        LABELLED.put("limit the number of requests per second", "RateLimiter.java");
        LABELLED.put("read a spreadsheet export", "parser.py");
        LABELLED.put("least recently used eviction", "cache.ts");
        LABELLED.put("stop the web server gracefully", "server.go");
        LABELLED.put("how many days off per year", "vacation.md");
        LABELLED.put("who gets paged when production breaks", "incidents.md");
        LABELLED.put("how long are logs kept", "logging.md");
    }

    @TempDir
    static Path dir;
    static Database db;
    static KnowledgeSearch search;
    static User user;
    static String kbId;

    @BeforeAll
    static void indexCorpus() throws Exception {
        db = TestDb.open(dir);
        user = TestDb.insertUser(db, Role.USER);
        Embedder embedder = new InProcessEmbedder();
        KnowledgeFixture fixture = new KnowledgeFixture(db, embedder);
        Path corpus = Path.of(SearchQualityTest.class.getResource("/rag-corpus").toURI());
        kbId = fixture.index(user, "corpus", corpus);
        assertThat(db.queryLong("SELECT count(*) FROM documents WHERE kb_id = ?", kbId)).isEqualTo(12);
        IndexCache cache = fixture.cache();
        search = new KnowledgeSearch(db, cache, embedder);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static double recallAt5(KnowledgeSearch.Mode mode) {
        int found = 0;
        for (Map.Entry<String, String> e : LABELLED.entrySet()) {
            boolean hit = search.search(user, kbId, e.getKey(), 5, mode).hits().stream()
                    .anyMatch(h -> h.path().equals(e.getValue()));
            if (hit) {
                found++;
            } else {
                log.info("{} missed \"{}\" (expected {})", mode, e.getKey(), e.getValue());
            }
        }
        return (double) found / LABELLED.size();
    }

    @Test
    void hybridRecallIsAtLeastKeywordAndVectorRecall() {
        double keyword = recallAt5(KnowledgeSearch.Mode.KEYWORD);
        double vector = recallAt5(KnowledgeSearch.Mode.VECTOR);
        double hybrid = recallAt5(KnowledgeSearch.Mode.HYBRID);
        log.info("recall@5 keyword={} vector={} hybrid={}", keyword, vector, hybrid);
        assertThat(hybrid).isGreaterThanOrEqualTo(keyword).isGreaterThanOrEqualTo(vector).isGreaterThanOrEqualTo(0.8);
    }

    @Test
    void hitsCarrySourcePathAndLineRange() {
        SearchHit top = search.search(user, kbId, "refund", 1).hits().get(0);
        assertThat(top.path()).isEqualTo("billing.md");
        assertThat(top.startLine()).isEqualTo(6);
        assertThat(top.endLine()).isEqualTo(9);
        assertThat(top.text()).startsWith("## Refunds");
        assertThat(top.score()).isPositive();
    }

    @Test
    void nullKnowledgeBaseSearchesAllOfTheUsersBases() {
        assertThat(search.search(user, null, "paid leave", 3).hits()).extracting(SearchHit::path).contains("vacation.md");
    }

    @Test
    void lookupFindsSymbolsFromIndexedSourceCode() {
        List<String> warnings = new ArrayList<>();
        assertThat(search.lookupSymbol(user, null, "ratelimiter", 10, warnings))
                .extracting(h -> h.symbol().name() + "@" + h.path() + ":" + h.symbol().line())
                .containsExactly("RateLimiter@RateLimiter.java:4", "RateLimiter@RateLimiter.java:11");
        assertThat(search.lookupSymbol(user, null, "read_rows", 10, warnings)).singleElement()
                .satisfies(h -> assertThat(h.symbol().signature()).isEqualTo("def read_rows(path, delimiter=\",\"):"));
        assertThat(warnings).isEmpty();
    }
}
