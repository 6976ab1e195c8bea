package org.orchestration.core.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.auth.Role;
import org.orchestration.core.auth.User;
import org.orchestration.core.db.Database;
import org.orchestration.core.json.Json;
import org.orchestration.core.llm.CancellationToken;
import org.orchestration.core.rag.IndexCache;
import org.orchestration.core.rag.KnowledgeSearch;
import org.orchestration.core.testing.FakeEmbedder;
import org.orchestration.core.testing.KnowledgeFixture;
import org.orchestration.core.testing.TestDb;

/** search_knowledge and lookup_type as the model sees them, sharing one index cache. */
class KnowledgeToolsTest {

    @TempDir
    static Path dir;
    static Database db;
    static IndexCache cache;
    static SearchKnowledgeTool searchTool;
    static LookupTypeTool lookupTool;
    static ToolContext context;
    static String kbId;

    @BeforeAll
    static void index() throws Exception {
        db = TestDb.open(dir);
        User user = TestDb.insertUser(db, Role.USER);
        Path folder = Files.createDirectories(dir.resolve("src"));
        Files.writeString(folder.resolve("README.md"), "# Billing\nInvoices are sent monthly.\n");
        Files.writeString(folder.resolve("Invoice.java"), "package x;\n\npublic record Invoice(String id, long cents) {\n}\n");
        FakeEmbedder embedder = new FakeEmbedder();
        KnowledgeFixture fixture = new KnowledgeFixture(db, embedder);
        cache = fixture.cache();
        kbId = fixture.index(user, "Billing code", folder);
        KnowledgeSearch search = new KnowledgeSearch(db, cache, embedder);
        searchTool = new SearchKnowledgeTool(search);
        lookupTool = new LookupTypeTool(search);
        context = new ToolContext(user, "p", "t", dir.resolve("ws"));
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void searchKnowledgeShowsPathAndLineRange() {
        ObjectNode input = Json.mapper().createObjectNode().put("query", "invoices monthly").put("k", 1);
        ToolOutcome outcome = searchTool.execute(context, input, CancellationToken.none());
        assertThat(outcome.isError()).isFalse();
        assertThat(outcome.content()).startsWith("[1] README.md lines 1-2").contains("Invoices are sent monthly.");
    }

    @Test
    void lookupTypeShowsKindSignatureAndLocationFromTheSharedCache() {
        ObjectNode input = Json.mapper().createObjectNode().put("name", "invoice");
        ToolOutcome outcome = lookupTool.execute(context, input, CancellationToken.none());
        assertThat(outcome.content()).isEqualTo("record Invoice (java) at Invoice.java:3\n    public record Invoice(String id, long cents)");
        assertThat(cache.state(kbId)).isInstanceOf(IndexCache.Loaded.class);
    }

    @Test
    void badArgumentsAreToolErrorsNotExceptions() {
        assertThat(searchTool.execute(context, Json.mapper().createObjectNode(), CancellationToken.none()).isError()).isTrue();
        assertThat(searchTool.execute(context, Json.mapper().createObjectNode().put("query", "x").put("k", 999),
                CancellationToken.none()).content()).contains("between 1 and 50");
        assertThat(searchTool.execute(context, Json.mapper().createObjectNode().put("query", "x").put("kb", "nope"),
                CancellationToken.none()).content()).contains("does not exist");
        assertThat(lookupTool.execute(context, Json.mapper().createObjectNode().put("name", 5), CancellationToken.none()).content())
                .contains("must be a string");
    }

    @Test
    void nothingFoundIsAPlainAnswer() {
        ObjectNode input = Json.mapper().createObjectNode().put("name", "%_%");
        assertThat(lookupTool.execute(context, input, CancellationToken.none()).content()).startsWith("No class, function or type");
    }
}
