package org.orchestration.core.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.orchestration.core.auth.Role;
import org.orchestration.core.auth.User;
import org.orchestration.core.json.Json;
import org.orchestration.core.llm.CancellationToken;

/** Random paths built from traversal pieces: whatever write_file accepts lands inside the workspace. */
class WorkspacePropertyTest {

    private static Path root;
    private static Path workspace;
    private static Path outside;

    @BeforeContainer
    static void create() throws IOException {
        root = Files.createTempDirectory("ws-prop");
        workspace = Files.createDirectories(root.resolve("ws"));
        outside = Files.createDirectories(root.resolve("outside"));
        Files.createDirectories(workspace.resolve("sub"));
        Files.createSymbolicLink(workspace.resolve("out"), outside);
        Files.createSymbolicLink(workspace.resolve("sub/up"), root);
        Files.createSymbolicLink(workspace.resolve("in"), workspace.resolve("sub"));
    }

    @AfterContainer
    static void delete() throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Provide
    Arbitrary<String> paths() {
        return Arbitraries.of("..", ".", "sub", "out", "in", "up", "a", "b.txt", "", "~", "/", "\u0000", "\\", "C:")
                .list().ofMinSize(1).ofMaxSize(6).map(parts -> String.join("/", parts));
    }

    @Property(tries = 400)
    void acceptedWritesStayInsideAndNothingOutsideChanges(@ForAll("paths") String path) throws IOException {
        WriteFileTool write = new WriteFileTool(100);
        ToolContext context = new ToolContext(new User("u", "u@x", "u", Role.USER, true), "p", "t", workspace);
        ToolOutcome outcome = write.execute(context, Json.mapper().createObjectNode().put("path", path).put("content", "x"),
                CancellationToken.none());
        if (!outcome.isError()) {
            Path written = workspace.toRealPath().resolve(outcome.filesWritten().get(0)).toRealPath();
            assertThat(written).startsWith(workspace.toRealPath());
        }
        try (Stream<Path> files = Files.list(outside)) {
            assertThat(files).isEmpty();
        }
        try (Stream<Path> files = Files.list(root)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("ws", "outside");
        }
    }
}
