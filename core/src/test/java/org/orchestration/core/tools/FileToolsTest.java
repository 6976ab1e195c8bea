package org.orchestration.core.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.orchestration.core.auth.Role;
import org.orchestration.core.auth.User;
import org.orchestration.core.json.Json;
import org.orchestration.core.llm.CancellationToken;

class FileToolsTest {

    private static final long MAX = 1_000;
    private static final String SECRET = "TOP SECRET";

    @TempDir
    Path root;
    Path workspace;
    Path outside;
    ToolContext context;
    final ReadFileTool read = new ReadFileTool(MAX);
    final WriteFileTool write = new WriteFileTool(MAX);
    final ListFilesTool list = new ListFilesTool();

    @BeforeEach
    void setUp() throws IOException {
        workspace = Files.createDirectories(root.resolve("ws"));
        outside = Files.createDirectories(root.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), SECRET);
        Files.createSymbolicLink(workspace.resolve("out-link"), outside);
        Files.createSymbolicLink(workspace.resolve("secret-link"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(workspace.resolve("dangling"), root.resolve("created-by-attack"));
        Files.createSymbolicLink(workspace.resolve("passwd-link"), Path.of("/etc/passwd"));
        context = new ToolContext(new User("u", "u@example.com", "u", Role.USER, true), "p1", "t1", workspace);
    }

    private static ObjectNode args(String... kv) {
        ObjectNode node = Json.mapper().createObjectNode();
        for (int i = 0; i < kv.length; i += 2) {
            node.put(kv[i], kv[i + 1]);
        }
        return node;
    }

    static Stream<String> traversalCorpus() {
        return Stream.of("../outside/secret.txt", "/etc/passwd", "a/../../outside/secret.txt", "./../outside/secret.txt",
                "..", "../", "out-link/secret.txt", "secret-link", "passwd-link", "dangling", "dangling/x.txt",
                "x\u0000y", "secret.txt\u0000.png", "a".repeat(300), "b/".repeat(600), "~/.bashrc", "C:/Windows/win.ini",
                "..\\outside\\secret.txt", "//etc/passwd", "out-link/../out-link/secret.txt", "out-link/new.txt");
    }

    @ParameterizedTest(name = "read_file refuses [{0}]")
    @MethodSource("traversalCorpus")
    void readNeverLeavesTheWorkspace(String path) {
        ToolOutcome outcome = read.execute(context, args("path", path), CancellationToken.none());
        assertThat(outcome.isError()).isTrue();
        assertThat(outcome.content()).doesNotContain(SECRET).doesNotContain("root:");
    }

    @ParameterizedTest(name = "write_file refuses [{0}]")
    @MethodSource("traversalCorpus")
    void writeNeverLeavesTheWorkspace(String path) throws IOException {
        ToolOutcome outcome = write.execute(context, args("path", path, "content", "pwned"), CancellationToken.none());
        assertThat(outcome.isError()).isTrue();
        assertThat(outcome.filesWritten()).isEmpty();
        assertThat(Files.readString(outside.resolve("secret.txt"))).isEqualTo(SECRET);
        try (Stream<Path> files = Files.list(outside)) {
            assertThat(files).containsExactly(outside.resolve("secret.txt"));
        }
        try (Stream<Path> files = Files.list(root)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("ws", "outside");
        }
    }

    @ParameterizedTest(name = "list_files refuses [{0}]")
    @MethodSource("traversalCorpus")
    void listNeverLeavesTheWorkspace(String path) {
        ToolOutcome outcome = list.execute(context, args("path", path), CancellationToken.none());
        assertThat(outcome.content()).doesNotContain("secret.txt (");
    }

    @Test
    void refusalsSayWhyInAWayTheModelCanUse() {
        assertThat(read.execute(context, args("path", "../x"), CancellationToken.none()).content()).contains("outside the workspace");
        assertThat(read.execute(context, args("path", "/etc/passwd"), CancellationToken.none()).content()).contains("absolute path");
        assertThat(read.execute(context, args("path", "a\u0000b"), CancellationToken.none()).content()).contains("NUL");
        assertThat(read.execute(context, args("path", "secret-link"), CancellationToken.none()).content()).contains("points outside");
        assertThat(read.execute(context, args(), CancellationToken.none()).content()).contains("\"path\" argument is required");
    }

    @Test
    void writeCreatesFoldersAndReportsTheFileWritten() throws IOException {
        ToolOutcome outcome = write.execute(context, args("path", "docs/notes/plan.md", "content", "# Plan"), CancellationToken.none());
        assertThat(outcome.isError()).isFalse();
        assertThat(outcome.filesWritten()).containsExactly("docs/notes/plan.md");
        assertThat(Files.readString(workspace.resolve("docs/notes/plan.md"))).isEqualTo("# Plan");
        assertThat(read.execute(context, args("path", "docs/./notes/../notes/plan.md"), CancellationToken.none()).content())
                .isEqualTo("# Plan");
    }

    @Test
    void writeReplacesAnExistingFile() throws IOException {
        write.execute(context, args("path", "a.txt", "content", "one"), CancellationToken.none());
        write.execute(context, args("path", "a.txt", "content", "two"), CancellationToken.none());
        assertThat(Files.readString(workspace.resolve("a.txt"))).isEqualTo("two");
    }

    @Test
    void readingDoesNotCreateTheWorkspace() {
        Path missing = root.resolve("ws-not-yet");
        ToolContext fresh = new ToolContext(context.user(), "p2", "t", missing);
        assertThat(read.execute(fresh, args("path", "a.txt"), CancellationToken.none()).isError()).isTrue();
        assertThat(list.execute(fresh, args(), CancellationToken.none()).content()).isEqualTo("The workspace is empty.");
        assertThat(missing).doesNotExist();
        assertThat(write.execute(fresh, args("path", "a.txt", "content", "x"), CancellationToken.none()).isError()).isFalse();
        assertThat(missing.resolve("a.txt")).hasContent("x");
    }

    @Test
    void oversizeFilesAreRefusedBothWays() throws IOException {
        Files.writeString(workspace.resolve("big.txt"), "x".repeat((int) MAX + 1));
        assertThat(read.execute(context, args("path", "big.txt"), CancellationToken.none()).content()).contains("larger than 1000 bytes");
        ToolOutcome outcome = write.execute(context, args("path", "big2.txt", "content", "y".repeat((int) MAX + 1)), CancellationToken.none());
        assertThat(outcome.isError()).isTrue();
        assertThat(workspace.resolve("big2.txt")).doesNotExist();
    }

    @Test
    void binaryFilesAndFoldersAreNotRead() throws IOException {
        Files.write(workspace.resolve("img.bin"), new byte[] {1, 0, 2});
        Files.createDirectories(workspace.resolve("dir"));
        assertThat(read.execute(context, args("path", "img.bin"), CancellationToken.none()).content()).contains("binary");
        assertThat(read.execute(context, args("path", "dir"), CancellationToken.none()).content()).contains("is a folder");
        assertThat(write.execute(context, args("path", "dir", "content", "x"), CancellationToken.none()).content())
                .contains("not a regular file");
    }

    @Test
    void specialFilesAreRefused() throws Exception {
        Path fifo = workspace.resolve("pipe");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeThat(p.waitFor()).as("mkfifo available").isZero();
        assertThat(read.execute(context, args("path", "pipe"), CancellationToken.none()).content()).contains("not a regular file");
        assertThat(write.execute(context, args("path", "pipe", "content", "x"), CancellationToken.none()).content())
                .contains("not a regular file");
    }

    @Test
    void linksInsideTheWorkspaceWork() throws IOException {
        Files.writeString(workspace.resolve("real.txt"), "inside");
        Files.createSymbolicLink(workspace.resolve("alias.txt"), workspace.resolve("real.txt"));
        assertThat(read.execute(context, args("path", "alias.txt"), CancellationToken.none()).content()).isEqualTo("inside");
    }

    @Test
    void listShowsEntriesAndDoesNotFollowLinks() throws IOException {
        Files.createDirectories(workspace.resolve("src/main"));
        Files.writeString(workspace.resolve("src/main/App.java"), "class App {}");
        ObjectNode input = args();
        input.put("recursive", true);
        String content = list.execute(context, input, CancellationToken.none()).content();
        List<String> lines = content.lines().toList();
        assertThat(lines).contains("src/", "src/main/", "src/main/App.java (12 bytes)", "out-link (link, not followed)");
        assertThat(content).doesNotContain("secret.txt");
        assertThat(list.execute(context, args("path", "src"), CancellationToken.none()).content()).isEqualTo("src/main/");
    }
}
