package org.orchestration.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.api.ApiServer;
import org.orchestration.core.testing.ApiTestClient;
import org.orchestration.core.testing.ApiTestClient.Reply;
import org.orchestration.core.testing.WiredServices;

/**
 * Knowledge folders through the real loopback API in multi-user mode: a normal user indexes only
 * their own knowledge folder or a root an admin allows, never the data or config folder (nor a
 * parent of them, nor through a symbolic link), and a symlinked secret is never indexed.
 */
class KnowledgeFolderConfinementApiTest {

    private static final String SECRET = "zebracorn-signing-secret-5150";

    @TempDir
    Path tmp;
    private Path data;
    private Path config;
    private Path shared;
    private WiredServices s;
    private ApiTestClient client;
    private String admin;
    private String user;

    @BeforeEach
    void start() throws Exception {
        data = Files.createDirectories(tmp.resolve("data"));
        s = new WiredServices(data);
        config = Files.createDirectories(data.resolve("config"));
        Files.writeString(config.resolve("config.json"), "{\"auth\":{\"secret_key\":\"" + SECRET + "\"}}");
        shared = Files.createDirectories(tmp.resolve("shared"));
        Files.writeString(shared.resolve("notes.md"), "# Notes\nThe quarterly plan mentions pelicans.\n");
        ApiServer server = s.startServer();
        client = new ApiTestClient(server.baseUrl());
        admin = signUp("owner@example.com");
        user = signUp("me@example.com");
    }

    @AfterEach
    void stop() throws Exception {
        s.close();
    }

    private String signUp(String email) {
        assertThat(client.post("/api/auth/register", null,
                "{\"email\":\"" + email + "\",\"password\":\"a long passphrase\",\"display_name\":\"Someone\"}").status()).isEqualTo(201);
        Reply login = client.post("/api/auth/login", null, "{\"email\":\"" + email + "\",\"password\":\"a long passphrase\"}");
        return login.json().get("access_token").asText();
    }

    private Reply create(String token, Path folder) {
        return client.post("/api/knowledge", token, "{\"name\":\"Docs\",\"folder\":\"" + folder.toString().replace("\\", "\\\\") + "\"}");
    }

    /** Waits for the first indexing to finish, then searches for "pelicans". */
    private JsonNode awaitIndexed(String token, String kbId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> status(token, kbId).equals("READY"));
        return client.get("/api/knowledge/" + kbId + "/search?q=pelicans", token).json();
    }

    private String status(String token, String kbId) {
        for (JsonNode kb : client.get("/api/knowledge", token).json()) {
            if (kb.get("id").asText().equals(kbId)) {
                return kb.get("status").asText();
            }
        }
        return "";
    }

    private Reply allowRoots(String token, String rootsJson) {
        return client.patch("/api/settings", token, "{\"knowledge_allowed_roots\":" + rootsJson + "}");
    }

    private static String quoted(Path p) {
        return "[\"" + p.toString().replace("\\", "\\\\") + "\"]";
    }

    @Test
    void aNormalUserCannotIndexTheConfigFolderTheDataFolderTheirParentsOrTheRoot() throws Exception {
        Path linkToConfig = Files.createSymbolicLink(shared.resolve("cfg"), config);
        assertThat(allowRoots(admin, quoted(shared)).status()).isEqualTo(200);

        for (Path folder : new Path[] {config, data, tmp, data.getRoot(), linkToConfig}) {
            Reply refused = create(user, folder);
            assertThat(refused.status()).as(folder + ": " + refused.body()).isEqualTo(400);
            assertThat(refused.field()).isEqualTo("folder");
        }
        Reply outside = create(user, Files.createDirectories(tmp.resolve("elsewhere")));
        assertThat(outside.status()).isEqualTo(400);
        assertThat(outside.detail()).contains("ask an administrator to allow it").contains(shared.toRealPath().toString());
        assertThat(client.get("/api/knowledge", user).json()).isEmpty();
    }

    @Test
    void anAdminCannotIndexTheDataOrConfigFolderEither() {
        for (Path folder : new Path[] {config, data, tmp}) {
            Reply refused = create(admin, folder);
            assertThat(refused.status()).as(folder + ": " + refused.body()).isEqualTo(400);
            assertThat(refused.field()).isEqualTo("folder");
        }
    }

    @Test
    void aUserIndexesAndSearchesTheirOwnKnowledgeFolder() throws Exception {
        Path own = data.resolve("knowledge").resolve(client.get("/api/auth/me", user).json().get("id").asText());
        Files.createDirectories(own);
        Files.writeString(own.resolve("mine.md"), "# Mine\nMy pelicans fly north.\n");

        Reply created = create(user, own);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode results = awaitIndexed(user, created.json().get("id").asText());
        assertThat(results.get("hits").findValuesAsText("path")).containsExactly("mine.md");
    }

    @Test
    void anAdminAllowedRootIsIndexableAndRemovingItRefusesTheReindex() {
        assertThat(create(user, shared).status()).isEqualTo(400);
        assertThat(allowRoots(admin, quoted(shared)).status()).isEqualTo(200);

        Reply created = create(user, shared);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String kbId = created.json().get("id").asText();
        assertThat(awaitIndexed(user, kbId).get("hits").findValuesAsText("path")).containsExactly("notes.md");

        assertThat(allowRoots(admin, "[]").status()).isEqualTo(200);
        Reply reindex = client.post("/api/knowledge/" + kbId + "/reindex", user, null);
        assertThat(reindex.status()).as(reindex.body()).isEqualTo(400);
        assertThat(reindex.field()).isEqualTo("folder");
        assertThat(reindex.detail()).contains("is not indexed again").contains("ask an administrator");
    }

    @Test
    void aSymlinkInsideAnAllowedFolderToASecretOutsideIsNotIndexed() throws Exception {
        Files.createSymbolicLink(shared.resolve("config.md"), config.resolve("config.json"));
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("private.md"), "# Private\n" + SECRET + "\n");
        Files.createSymbolicLink(shared.resolve("private.md"), elsewhere.resolve("private.md"));
        assertThat(allowRoots(admin, quoted(shared)).status()).isEqualTo(200);

        Reply created = create(user, shared);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String kbId = created.json().get("id").asText();
        awaitIndexed(user, kbId);

        JsonNode hits = client.get("/api/knowledge/" + kbId + "/search?q=" + SECRET, user).json().get("hits");
        assertThat(hits.findValuesAsText("text")).noneMatch(text -> text.contains(SECRET) || text.contains("secret_key"));
        assertThat(hits.findValuesAsText("path")).containsOnly("notes.md");
        assertThat(s.db.queryLong("SELECT count(*) FROM documents WHERE kb_id = ?", kbId)).isEqualTo(1);
    }

    @Test
    void onlyAnAdminSetsTheAllowedRootsAndBadRootsNameTheField() throws Exception {
        assertThat(allowRoots(user, quoted(shared)).status()).isEqualTo(403);

        for (String bad : new String[] {"[\"relative/folder\"]", quoted(tmp.resolve("missing")), quoted(data), quoted(tmp),
                quoted(config), "\"not a list\""}) {
            Reply refused = allowRoots(admin, bad);
            assertThat(refused.status()).as(bad + ": " + refused.body()).isEqualTo(400);
            assertThat(refused.field()).isEqualTo("knowledge_allowed_roots");
        }

        Reply set = allowRoots(admin, quoted(shared));
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(client.get("/api/settings", user).json().get("knowledge_allowed_roots").get(0).asText())
                .isEqualTo(shared.toRealPath().toString());
    }
}
