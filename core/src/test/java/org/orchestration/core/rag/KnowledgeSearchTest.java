package org.orchestration.core.rag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.orchestration.core.auth.Role;
import org.orchestration.core.auth.User;
import org.orchestration.core.db.Database;
import org.orchestration.core.errors.ForbiddenException;
import org.orchestration.core.testing.FakeEmbedder;
import org.orchestration.core.testing.KnowledgeFixture;
import org.orchestration.core.testing.TestDb;

/** Untrusted query text: operators and wildcards are literal, nothing throws, scope is respected. */
class KnowledgeSearchTest {

    @TempDir
    static Path dir;
    static Database db;
    static IndexCache cache;
    static KnowledgeSearch search;
    static User alice;
    static User bob;
    static String aliceKb;
    static String bobKb;

    @BeforeAll
    static void index() throws Exception {
        db = TestDb.open(dir);
        alice = TestDb.insertUser(db, Role.USER);
        bob = TestDb.insertUser(db, Role.USER);
        Path a = Files.createDirectories(dir.resolve("alice"));
        Files.writeString(a.resolve("pct.txt"), "Progress is 100% complete");
        Files.writeString(a.resolve("under.txt"), "Use snake_case names for columns");
        Files.writeString(a.resolve("star.txt"), "The glob a*b matches files");
        Files.writeString(a.resolve("quote.txt"), "He said \"hello world\" loudly");
        Files.writeString(a.resolve("or.txt"), "Either this OR that");
        Files.writeString(a.resolve("near.txt"), "Call NEAR(x, y) here");
        Files.writeString(a.resolve("dash.txt"), "Pass the -verbose flag");
        Files.writeString(a.resolve("title.txt"), "Set title:x in the front matter");
        Files.writeString(a.resolve("plain.txt"), "Nothing special is written here");
        Files.writeString(a.resolve("symbols.py"), "def get_value():\n    pass\n\ndef getXvalue():\n    pass\n\nclass Percent:\n    pass\n");
        Path b = Files.createDirectories(dir.resolve("bob"));
        Files.writeString(b.resolve("secret.txt"), "Bob's private plan mentions snake_case too");
        FakeEmbedder embedder = new FakeEmbedder();
        KnowledgeFixture fixture = new KnowledgeFixture(db, embedder);
        cache = fixture.cache();
        aliceKb = fixture.index(alice, "Alice notes", a);
        bobKb = fixture.index(bob, "Bob notes", b);
        search = new KnowledgeSearch(db, cache, embedder);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    static Stream<Arguments> injectionCorpus() {
        return Stream.of(
                Arguments.of("%", List.of()),
                Arguments.of("_", List.of()),
                Arguments.of("*", List.of()),
                Arguments.of("\"", List.of()),
                Arguments.of("100%", List.of("pct.txt")),
                Arguments.of("snake_case", List.of("under.txt")),
                Arguments.of("a*b", List.of("star.txt")),
                Arguments.of("\"hello", List.of("quote.txt")),
                Arguments.of("world\"", List.of("quote.txt")),
                Arguments.of("OR", List.of("or.txt")),
                Arguments.of("NEAR(", List.of("near.txt")),
                Arguments.of("-verbose", List.of("dash.txt")),
                Arguments.of("title:x", List.of("title.txt")),
                Arguments.of("\"\"\"", List.of()),
                Arguments.of("NOT", List.of()),
                Arguments.of("AND", List.of()),
                Arguments.of("^", List.of()),
                Arguments.of("{a b}", List.of("star.txt")));
    }

    @ParameterizedTest(name = "keyword query [{0}] matches only {1}")
    @MethodSource("injectionCorpus")
    void keywordSearchTreatsOperatorsAsLiteralText(String query, List<String> expected) {
        List<String> paths = search.search(alice, aliceKb, query, 20, KnowledgeSearch.Mode.KEYWORD).hits().stream()
                .map(SearchHit::path).toList();
        assertThat(paths).containsExactlyInAnyOrderElementsOf(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"%", "_", "*", "\"", "OR", "NEAR(", "-", "title:x", "\"unbalanced", "a\"b\"c\"", "(((", ")",
            "NEAR(a b, 2)", "col:", "x AND", "\\", "'", "';DROP TABLE chunks;--", "\u0000", "{", "}", "+", ".", ","})
    void hybridSearchNeverThrowsOnHostileInput(String query) {
        assertThatCode(() -> search.search(alice, aliceKb, query, 5)).doesNotThrowAnyException();
        assertThatCode(() -> search.search(alice, null, query, 5)).doesNotThrowAnyException();
        assertThatCode(() -> search.lookupSymbol(alice, null, query, 5, new ArrayList<>())).doesNotThrowAnyException();
        assertThat(db.queryLong("SELECT count(*) FROM chunks")).isPositive();
    }

    @Test
    void symbolLookupTreatsUnderscoreAndPercentLiterally() {
        List<String> warnings = new ArrayList<>();
        assertThat(search.lookupSymbol(alice, null, "get_value", 10, warnings)).extracting(h -> h.symbol().name())
                .containsExactly("get_value");
        assertThat(search.lookupSymbol(alice, null, "_", 10, warnings)).extracting(h -> h.symbol().name())
                .containsExactly("get_value");
        assertThat(search.lookupSymbol(alice, null, "%", 10, warnings)).isEmpty();
        assertThat(search.lookupSymbol(alice, null, "PERCENT", 10, warnings)).extracting(h -> h.symbol().name())
                .containsExactly("Percent");
    }

    @Test
    void searchOfAllBasesCoversOnlyTheUsersOwn() {
        assertThat(search.search(alice, null, "snake_case", 10).hits()).extracting(SearchHit::path).doesNotContain("secret.txt");
        assertThat(search.search(bob, null, "snake_case", 10, KnowledgeSearch.Mode.KEYWORD).hits())
                .extracting(SearchHit::path).containsExactly("secret.txt");
    }

    @Test
    void anAdminsSearchOfAllBasesCoversOnlyTheirOwnButMayNameAnyBase() {
        User admin = TestDb.insertUser(db, Role.ADMIN);
        assertThat(search.search(admin, null, "snake_case", 10).hits()).isEmpty();
        assertThat(search.search(admin, bobKb, "snake_case", 10, KnowledgeSearch.Mode.KEYWORD).hits())
                .extracting(SearchHit::path).containsExactly("secret.txt");
    }

    @Test
    void searchingSomeoneElsesBaseIsForbidden() {
        assertThatThrownBy(() -> search.search(alice, bobKb, "plan", 5)).isInstanceOf(ForbiddenException.class);
    }

    @Test
    void aBaseCanBeNamedInsteadOfItsId() {
        assertThat(search.search(alice, "alice notes", "glob", 3, KnowledgeSearch.Mode.KEYWORD).hits())
                .extracting(SearchHit::path).containsExactly("star.txt");
    }

    @Test
    void vectorSearchUsesTheCachedIndex() {
        search.search(alice, aliceKb, "glob files", 3);
        assertThat(cache.state(aliceKb)).isInstanceOf(IndexCache.Loaded.class);
        long before = db.statementCount();
        assertThat(search.search(alice, aliceKb, "glob files", 3, KnowledgeSearch.Mode.VECTOR).hits().get(0).path())
                .isEqualTo("star.txt");
        // the vectors come from memory: only the chunk rows of the hits are read
        assertThat(db.statementCount() - before).isLessThanOrEqualTo(3);
    }

    @Test
    void aBaseWhoseIndexCannotLoadStillAnswersKeywordHitsWithAWarning() {
        IndexCache broken = new IndexCache(kbId -> {
            throw new IllegalStateException("disk error");
        }, Clock.systemUTC());
        SearchResult result = new KnowledgeSearch(db, broken, new FakeEmbedder()).search(alice, aliceKb, "glob", 3);
        assertThat(result.hits()).extracting(SearchHit::path).containsExactly("star.txt");
        assertThat(result.warnings()).singleElement().asString().contains("Alice notes", "disk error");
    }
}
